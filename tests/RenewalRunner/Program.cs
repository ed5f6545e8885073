using System;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;

// Usage: RenewalRunner <script.ps1> [<journal file or blob URL with a SAS> <intents | instance-id> <delay-ms>]
// Runs the script in the hosted engine and prints each output object. With a journal, the process SIGKILLs itself
// <delay-ms> after that journal holds <intents> intent lines (or an intent naming <instance-id>): the kill test's
// "machine died mid-run", at a point the
// test chooses (requests sent, some answered, some in flight), with no finally blocks and no flushing.
if (args.Length < 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: RenewalRunner <script.ps1> [<journal> <intents> <delay-ms>]");
    return 2;
}

if (args.Length == 4)
{
    var journal = args[1];
    var byCount = int.TryParse(args[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var intents);
    var instanceId = byCount ? null : args[2];
    var delay = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
    new Thread(() =>
    {
        while (true)
        {
            try
            {
                if (byCount ? CountIntents(journal, null) >= intents : CountIntents(journal, instanceId) > 0)
                {
                    break;
                }
            }
            catch (Exception ex) when (ex is IOException || ex is System.Net.Http.HttpRequestException)
            {
                // The journal is being written (or its blob not yet created): look again.
            }
            Thread.Sleep(5);
        }
        Thread.Sleep(delay);
        Process.GetCurrentProcess().Kill();
    }) { IsBackground = true }.Start();
}

using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
runspace.Open();
using var ps = PowerShell.Create();
ps.Runspace = runspace;
ps.AddScript(File.ReadAllText(args[0]));
try
{
    foreach (var item in ps.Invoke())
    {
        Console.WriteLine(item?.ToString());
    }
    return 0;
}
catch (RuntimeException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

static int CountIntents(string path, string? naming)
{
    using var reader = OpenJournal(path);
    if (reader is null)
    {
        return 0;
    }
    var count = 0;
    string? line;
    while ((line = reader.ReadLine()) != null)
    {
        if (line.Contains("\"type\":\"intent\"", StringComparison.Ordinal) && (naming is null || line.Contains("\"" + naming + "\"", StringComparison.Ordinal)))
        {
            count++;
        }
    }
    return count;
}

// A blob journal is read with the SAS of its URL, as any machine would read it.
static TextReader? OpenJournal(string path)
{
    if (path.StartsWith("http", StringComparison.OrdinalIgnoreCase))
    {
        using var request = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("x-ms-version", "2021-12-02");
        using var response = Http.Client.Send(request);
        return response.IsSuccessStatusCode ? new StringReader(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()) : null;
    }
    return File.Exists(path) ? new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)) : null;
}

internal static class Http
{
    public static readonly System.Net.Http.HttpClient Client = new System.Net.Http.HttpClient();
}
