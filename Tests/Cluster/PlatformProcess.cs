using System.Diagnostics;

namespace DataSharing.Tests.Cluster;

/// <summary>A silo or API process of the platform, started from its build output, with its log kept in a file.</summary>
public sealed class PlatformProcess : IAsyncDisposable
{
    private readonly string _name;
    private readonly string _dll;
    private readonly Dictionary<string, string> _env;
    private Process? _process;

    public PlatformProcess(string name, string project, int httpPort, Dictionary<string, string> env)
    {
        _name = name;
        _dll = Repository.Output(project);
        HttpPort = httpPort;
        _env = new Dictionary<string, string>(env) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}" };
        LogFile = Path.Combine(Path.GetTempPath(), "datasharing-tests", $"{name}-{Guid.NewGuid():N}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(LogFile)!);
    }

    public int HttpPort { get; }

    public string LogFile { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");

    public bool Running => _process is { HasExited: false };

    public void Start(IDictionary<string, string>? extraEnv = null)
    {
        // Run from the build output, as deployed: the content root (appsettings.json) is the working directory.
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(_dll)! };
        info.ArgumentList.Add(_dll);
        foreach (var (key, value) in _env.Concat(extraEnv ?? new Dictionary<string, string>()))
        {
            info.Environment[key] = value;
        }

        var log = new StreamWriter(LogFile, append: true) { AutoFlush = true };
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.Exited += (_, _) => { lock (log) log.WriteLine($"--- {_name} exited ---"); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Waits until /health answers 200; throws with the log's tail if it does not within the bound.</summary>
    public async Task WaitHealthy(TimeSpan? within = null)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(180));
        while (DateTime.UtcNow < until)
        {
            if (!Running)
            {
                break;
            }

            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{_name} did not become healthy. Log tail:\n{Tail()}");
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to the cluster.</summary>
    public void Kill()
    {
        if (Running)
        {
            _process!.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>SIGTERM, then SIGKILL if it has not stopped in time.</summary>
    public async Task Stop()
    {
        if (!Running)
        {
            return;
        }

        await Processes.Run("kill", ["-TERM", _process!.Id.ToString()]);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public string Tail(int lines = 60)
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogFile).TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }
}
