using System.ComponentModel.DataAnnotations;

namespace Mirrorspace.Server.Hosting;

/// <summary>Settings of one node, bound from <c>Mirrorspace</c> (appsettings.json in the data directory, or MIRRORSPACE__* variables).</summary>
public sealed class NodeOptions
{
    public const string Section = "Mirrorspace";

    [Required(ErrorMessage = "Mirrorspace:DataDirectory is required (pass --data DIR).")]
    public string DataDirectory { get; set; } = string.Empty;

    [Required]
    [Url(ErrorMessage = "Mirrorspace:HttpAddress must be an absolute http(s) URL such as http://127.0.0.1:8080.")]
    public string HttpAddress { get; set; } = "http://127.0.0.1:8080";

    /// <summary>Largest accepted request body; bigger bodies get 413 before anything is parsed.</summary>
    [Range(1_024, 64 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Orleans silo-to-silo port; 0 picks a free loopback port (a single node needs no fixed port).</summary>
    [Range(0, 65_535)]
    public int SiloPort { get; set; }

    /// <summary>Orleans client gateway port; 0 (the default) runs no gateway, as nothing outside the node calls grains.</summary>
    [Range(0, 65_535)]
    public int GatewayPort { get; set; }

    public string DatabasePath => Path.Combine(DataDirectory, Hosting.DataDirectory.DatabaseFileName);
}
