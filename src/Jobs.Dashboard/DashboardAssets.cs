using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace Jobs.Dashboard;

/// <summary>The stylesheet and script, embedded in the assembly: the dashboard loads nothing from elsewhere.</summary>
internal static class DashboardAssets
{
    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> Assets = new Dictionary<string, (byte[], string)>
    {
        ["dashboard.css"] = (Read("dashboard.css"), "text/css; charset=utf-8"),
        ["dashboard.js"] = (Read("dashboard.js"), "text/javascript; charset=utf-8"),
    }.ToFrozenDictionary();

    public static IResult Serve(string name) =>
        Assets.TryGetValue(name, out var asset) ? Results.Bytes(asset.Content, asset.ContentType) : Results.NotFound();

    private static byte[] Read(string name)
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream("Jobs.Dashboard.Assets." + name)
            ?? throw new InvalidOperationException($"The dashboard asset {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
