using System.IO.Compression;

namespace ConsentKit.Tests.Assets;

/// <summary>What a visitor downloads from ConsentKit: the shipped, minified script and stylesheet.</summary>
public class ClientAssetTests
{
    // The budget of issue "banner ... tiny": JS and CSS together, gzipped, at most 3 KB.
    private const int GzipBudgetBytes = 3072;

    [Fact]
    public void ClientAssets_Gzipped_StayWithinThreeKilobytes()
    {
        // Arrange
        var assets = new[] { "consentkit.min.js", "consentkit.min.css" }.Select(ShippedAsset).ToArray();

        // Act
        var gzipped = assets.Sum(path => GzipSize(File.ReadAllBytes(path)));

        // Assert
        Assert.True(gzipped <= GzipBudgetBytes, $"ConsentKit's JS + CSS weigh {gzipped} bytes gzipped, over the {GzipBudgetBytes}-byte budget.");
    }

    private static long GzipSize(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return buffer.Length;
    }

    private static string ShippedAsset(string name) => Path.Combine(RepositoryRoot(), "src", "ConsentKit", "wwwroot", name);

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConsentKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ConsentKit.sln not found above the test's output folder.");
    }
}
