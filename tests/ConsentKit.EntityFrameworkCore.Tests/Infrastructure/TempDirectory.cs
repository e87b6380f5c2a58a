namespace ConsentKit.EntityFrameworkCore.Tests.Infrastructure;

internal static class TempDirectory
{
    public static string Create(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), "consentkit-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean: a child process may still hold a file for a moment.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
