<#
    Dot-sourced by build.ps1 and tests/RenewalTools.Tests.ps1: how to start a fresh PowerShell of the kind that is
    running, and the cloud emulator. Works in Windows PowerShell 5.1 and PowerShell 7.
#>

# The running PowerShell's own executable, as a command line (executable first, then its leading arguments).
function Get-PowerShellCommandLine {
    if ($PSVersionTable.PSEdition -eq 'Desktop') { return , @(Join-Path $PSHOME 'powershell.exe') }
    $processPath = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    # pwsh as a .NET tool runs inside dotnet; its package's pwsh apphost is built for one platform only, pwsh.dll for all.
    if ([IO.Path]::GetFileNameWithoutExtension($processPath) -eq 'dotnet') {
        return @($processPath, (Join-Path $PSHOME 'pwsh.dll'))
    }
    foreach ($name in 'pwsh.exe', 'pwsh') {
        $candidate = Join-Path $PSHOME $name
        if (Test-Path -LiteralPath $candidate -PathType Leaf) { return , @($candidate) }
    }
    return , @($processPath)
}

<#
    Runs a script file, or script text saved to a temporary file, in a fresh non-interactive PowerShell; the child's
    output streams go where this session's go, and $LASTEXITCODE is its exit code. -File and -OutputFormat Text keep
    redirected output readable: an -EncodedCommand child whose output is redirected answers in CLIXML.
#>
function Invoke-ChildPowerShell {
    [CmdletBinding(DefaultParameterSetName = 'File')]
    param(
        [Parameter(Mandatory, ParameterSetName = 'File')] [string] $File,
        [Parameter(Mandatory, ParameterSetName = 'Script')] [string] $Script,
        [string[]] $ArgumentList = @()
    )
    $scriptFile = $File
    if ($PSCmdlet.ParameterSetName -eq 'Script') {
        $scriptFile = Join-Path ([IO.Path]::GetTempPath()) "RenewalTools-child-$([guid]::NewGuid().ToString('n')).ps1"
        # With a BOM, so Windows PowerShell 5.1 reads non-ASCII text right too.
        [IO.File]::WriteAllText($scriptFile, $Script, [Text.UTF8Encoding]::new($true))
    }
    $commandLine = Get-PowerShellCommandLine
    $leadingArguments = @($commandLine | Select-Object -Skip 1)
    try {
        & $commandLine[0] @leadingArguments -NoProfile -NonInteractive -OutputFormat Text -File $scriptFile @ArgumentList
    }
    finally {
        if ($PSCmdlet.ParameterSetName -eq 'Script') { Remove-Item -LiteralPath $scriptFile -ErrorAction SilentlyContinue }
    }
}

<#
    Starts tests/CloudEmulator on a free 127.0.0.1 port and waits until it answers. Runs the newest built
    CloudEmulator.dll (any configuration), else builds and runs it with dotnet run. Returns Process, Endpoint, LogPath.
#>
function Start-CloudEmulator {
    param(
        [Parameter(Mandatory)] [string] $Root,
        [Parameter(Mandatory)] [string] $ScenarioPath,
        [Parameter(Mandatory)] [string] $LogDirectory,
        [int] $Port = 0,
        [int] $TimeoutSeconds = 180
    )
    $project = Join-Path $Root 'tests/CloudEmulator'
    $dll = Get-ChildItem -Path (Join-Path $project 'bin') -Filter 'CloudEmulator.dll' -Recurse -ErrorAction SilentlyContinue |
        Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
    $emulatorArguments = @('--port', $Port, '--scenario', "`"$ScenarioPath`"")
    $arguments = if ($dll) { @("`"$($dll.FullName)`"") + $emulatorArguments } else { @('run', '--project', "`"$project`"", '--') + $emulatorArguments }
    New-Item -ItemType Directory -Path $LogDirectory -Force | Out-Null
    $logPath = Join-Path $LogDirectory 'emulator.out.log'
    $errorLogPath = Join-Path $LogDirectory 'emulator.err.log'
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -PassThru -NoNewWindow `
        -RedirectStandardOutput $logPath -RedirectStandardError $errorLogPath
    $deadline = (Get-Date).AddSeconds($TimeoutSeconds)
    while ($true) {
        $listening = Select-String -LiteralPath $logPath -Pattern 'Listening on (http://\S+)' -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($listening) {
            $endpoint = $listening.Matches[0].Groups[1].Value
            try {
                Invoke-RestMethod -Uri "$endpoint/_emulator/state" | Out-Null
                return [pscustomobject]@{ Process = $process; Endpoint = $endpoint; LogPath = $logPath }
            }
            catch { Write-Verbose "The emulator at $endpoint does not answer yet: $_" }
        }
        if ($process.HasExited -or (Get-Date) -gt $deadline) {
            Stop-CloudEmulator $process
            throw "The cloud emulator did not start within $TimeoutSeconds s: $(Get-Content -Raw -LiteralPath $errorLogPath -ErrorAction SilentlyContinue)"
        }
        Start-Sleep -Milliseconds 250
    }
}

function Stop-CloudEmulator([Diagnostics.Process] $Process) {
    if (-not $Process -or $Process.HasExited) { return }
    # dotnet run starts the emulator as a child process: end the whole tree where the runtime can (not on 5.1).
    try { $Process.Kill($true) } catch { Stop-Process -Id $Process.Id -Force -ErrorAction SilentlyContinue }
}
