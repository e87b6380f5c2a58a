// ConsentKit client: turns the banner's form posts into fetch calls and, without a reload,
// runs the scripts of the categories the visitor just granted. The banner works without it.
(() => {
  const root = document.getElementById('consentkit');
  if (!root || !window.fetch) return;
  const form = root.querySelector('form');

  form.addEventListener('submit', async (event) => {
    const button = event.submitter;
    if (!button || button.name !== 'action') return;
    event.preventDefault();
    const data = new FormData(form, button);
    let state;
    try {
      // Not form.action: the buttons named "action" shadow that property (it reads as a RadioNodeList).
      const response = await fetch(form.getAttribute('action'), {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          RequestVerificationToken: data.get('__RequestVerificationToken') || '',
        },
        body: JSON.stringify({ action: button.value, categories: data.getAll('categories') }),
      });
      if (!response.ok) throw new Error(response.status);
      state = await response.json();
    } catch {
      // Fall back to the plain form post, which the server answers with a redirect.
      const action = Object.assign(document.createElement('input'), { type: 'hidden', name: 'action', value: button.value });
      form.append(action);
      form.submit();
      return;
    }
    apply(state);
  });

  function apply(state) {
    root.dataset.state = 'decided';
    root.querySelectorAll('details').forEach((d) => { d.open = false; });
    form.querySelectorAll('input[name=categories]').forEach((box) => { box.checked = state.granted.includes(box.value); });
    document.querySelectorAll('script[type="text/plain"][data-consent-category]').forEach((inert) => {
      if (state.granted.includes(inert.dataset.consentCategory)) activate(inert);
    });
    // The focused button was just hidden: keep keyboard users on the control that reopens the banner.
    root.querySelector('.ck-reopen').focus();
    document.dispatchEvent(new CustomEvent('consentkit:change', { detail: state }));
  }

  function activate(inert) {
    const script = document.createElement('script');
    for (const { name, value } of inert.attributes) {
      if (name !== 'type' && !name.startsWith('data-consent-')) script.setAttribute(name, value);
    }
    if (inert.dataset.consentType) script.type = inert.dataset.consentType;
    script.nonce = inert.nonce; // the nonce attribute reads empty once parsed; the property keeps it
    script.async = false; // run activated scripts in document order
    script.text = inert.text;
    inert.replaceWith(script);
  }
})();
