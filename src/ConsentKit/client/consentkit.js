// ConsentKit client. The server renders the banner and decides what is allowed; this script only
// makes it smoother: posts decisions with fetch, opens the preferences as a modal dialog, and runs
// or shows what became allowed, without a reload. Everything also works without it.
(() => {
  const doc = document;
  const root = doc.getElementById('consentkit');
  if (!root) return;
  const form = doc.getElementById('ck-form');
  const prefs = doc.getElementById('ck-prefs'); // not on a decided visitor's pages: "Customize" links to them
  // Their "Customize" disclosure: open on the page asked for with ?consentkit=preferences, where the dialog opens at once.
  const customize = prefs?.parentNode;
  const $$ = (selector, scope) => (scope || doc).querySelectorAll(selector);
  let granted = root.dataset.granted.split(' ');
  let opener;

  // The preferences move into a modal dialog: focus moves in and stays (the page behind is inert),
  // Escape closes, and focus goes back to the control that opened it.
  const dialog = doc.createElement('dialog');
  dialog.className = root.className.replace(/ck-\w+/, 'ck-dialog'); // the layout class: the first after "ck"
  dialog.lang = root.lang;
  dialog.dir = root.dir;
  dialog.setAttribute('aria-labelledby', 'ck-prefs-title');
  const close = doc.createElement('button');
  close.className = 'ck-close';
  close.append('×'); // no form owner: a plain button without type=button
  close.ariaLabel = root.dataset.close;
  close.onclick = () => dialog.close();
  dialog.append(close, prefs || '');
  doc.body.append(dialog);
  dialog.onclose = () => opener?.focus();
  // Chromium lets Tab move on from a modal dialog's last control to the browser's own UI: wrap instead.
  const last = [...$$('button,a[href]', prefs)].pop(); // "Save choices", or the records' erase button after it
  dialog.onkeydown = (event) => {
    if (event.key === 'Tab' && doc.activeElement === (event.shiftKey ? close : last)) {
      event.preventDefault();
      (event.shiftKey ? last : close).focus();
    }
  };
  function show(from) {
    if (!prefs) return root.querySelector('a[data-consent-action]').click(); // "Customize": the page with them
    opener = from || doc.activeElement;
    $$('input[name=categories]', dialog).forEach((box) => { box.checked = granted.includes(box.value); });
    dialog.showModal();
  }

  doc.addEventListener('click', (event) => {
    const trigger = event.target.closest('[data-consent-action=preferences],[data-consent-action=settings]');
    if (trigger && prefs) {
      event.preventDefault();
      show(trigger);
    }
  });

  doc.addEventListener('submit', (event) => {
    const button = event.submitter;
    const target = event.target;
    if (!button || button.name !== 'action' || !(target === form || target.closest('.ck-embed'))) return;
    event.preventDefault();
    const data = new FormData(target, button);
    decide(button.value, data.getAll('categories'), data.getAll('services').filter(Boolean)).catch(() => {
      // Fall back to the plain form post, which the server answers with a redirect.
      target.append(Object.assign(doc.createElement('input'), { type: 'hidden', name: 'action', value: button.value }));
      target.submit();
    });
  });

  async function decide(action, categories, services) {
    // form.action would name the buttons called "action", not the form's URL.
    const response = await fetch(form.getAttribute('action'), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json', // also asks for a JSON answer, not the redirect
        RequestVerificationToken: form.__RequestVerificationToken?.value || '', // a named control of the form
      },
      body: JSON.stringify({ action, categories, services }),
    });
    if (!response.ok) throw Error(response.status);
    apply(await response.json());
  }

  function apply(state) {
    granted = state.granted;
    root.dataset.state = 'decided';
    root.dataset.granted = granted.join(' ');
    $$('details', root).forEach((details) => { details.open = false; });
    // The control that opened the preferences may now be hidden: return focus to the one that reopens them.
    opener = root.querySelector('.ck-reopen');
    dialog.close(); // a no-op when it is not open
    $$('script[type="text/plain"][data-consent-category]').forEach((inert) => allowed(inert) && runScript(inert));
    $$('[data-consent-category]:not(script)').forEach((el) => allowed(el) && reveal(el));
    deleteDeniedCookies();
    updateGoogleConsentMode();
    opener.focus();
    doc.dispatchEvent(new CustomEvent('consentkit:change', { detail: state }));
  }

  const allowed = (el) => granted.includes(el.dataset.consentCategory);

  function runScript(inert) {
    const script = doc.createElement('script');
    for (const { name, value } of inert.attributes) {
      if (name !== 'type' && !name.startsWith('data-consent-')) script.setAttribute(name, value);
    }
    if (inert.dataset.consentType) script.type = inert.dataset.consentType;
    script.nonce = inert.nonce; // the nonce attribute reads empty once parsed; the property keeps it
    script.async = false; // run activated scripts in document order
    script.text = inert.text;
    inert.replaceWith(script);
  }

  function reveal(el) {
    const key = el.dataset.consentCategory;
    if (el.tagName === 'TEMPLATE') {
      $$('[data-consent-fallback="' + key + '"]').forEach((fallback) => fallback.remove());
      el.replaceWith(el.content);
      return;
    }
    // The element and, for a video, its <source> and <track> children.
    for (const target of [el, ...el.children]) {
      for (const name of ['src', 'srcset', 'href', 'poster']) {
        const attribute = 'data-consent-' + name;
        if (target.hasAttribute(attribute)) {
          target.setAttribute(name, target.getAttribute(attribute));
          target.removeAttribute(attribute);
        }
      }
    }
    el.load?.(); // a video picks up its sources
    el.removeAttribute('data-consent-category');
    el.hidden = false;
    const placeholder = el.previousElementSibling;
    if (placeholder && placeholder.dataset.consentPlaceholder === key) placeholder.remove();
  }

  // HttpOnly and other-domain cookies are expired by the server; these are the ones scripts set.
  function deleteDeniedCookies() {
    const names = doc.cookie.split(';').map((pair) => pair.split('=')[0].trim());
    for (const [category, name, prefix, path, domains] of JSON.parse(doc.getElementById('ck-cookies').text)) {
      if (granted.includes(category)) continue;
      for (const cookie of names) {
        if (prefix ? !cookie.startsWith(name) : cookie !== name) continue;
        for (const domain of ['', ...domains]) {
          doc.cookie = cookie + '=; Max-Age=0; Path=' + path + (domain && '; Domain=' + domain);
        }
      }
    }
  }

  function updateGoogleConsentMode() {
    const mapping = doc.querySelector('script[data-consentkit-gcm]');
    if (!mapping) return; // the same script defines gtag
    const update = {};
    for (const [type, category] of Object.entries(JSON.parse(mapping.dataset.consentkitGcm))) {
      update[type] = granted.includes(category) ? 'granted' : 'denied';
    }
    window.gtag('consent', 'update', update);
  }

  if (customize?.open) {
    customize.open = false;
    show(customize.firstChild);
    history.replaceState(0, '', form.returnUrl.value); // a reload shows the page, not the preferences again
  }

  window.ConsentKit = {
    get state() {
      return { decided: root.dataset.state === 'decided', granted: granted.slice() };
    },
    show: () => show(),
    acceptAll: () => decide('accept-all'),
    rejectAll: () => decide('reject-all'),
    onChange: (listener) => doc.addEventListener('consentkit:change', (event) => listener(event.detail)),
  };
})();
