<#
.SYNOPSIS
    Builds, tests, documents, packages and demonstrates RenewalTools. dotnet does the real work.

.DESCRIPTION
    Works in PowerShell 7.4+ and Windows PowerShell 5.1; needs the .NET 10 SDK on PATH.

      Build    dotnet build RenewalTools.sln (lays out out/RenewalTools with its help and writes out/RenewalTools.zip)
      Test     dotnet test RenewalTools.sln, then the Pester 5 suite tests/*.Tests.ps1 with the Pester that restore
               fetched (or an installed Pester 5); writes the Pester counts to TestResults/pester-summary.json
      Docs     PlatyPS New-ExternalHelp when platyPS is installed, else dotnet build (its converter writes the MAML)
      Package  dotnet build, then reports out/RenewalTools.zip (for Azure Automation) and out/RenewalTools (for
               Publish-Module -Path)
      Demo     starts the cloud emulator with tests/CloudEmulator/scenarios/demo.json and runs tests/Demo/EverydayJob.ps1:
               finds what expires within 30 days, quotes it, shows a spend cap refusing the run, renews within the cap
               and prints what the emulator saw; fails unless every due instance was renewed exactly once. Without
               -Configuration it builds in the configuration of the last build's layout, so it never replaces it

    Pester and the demo run in a child PowerShell process, so this session never loads the module's DLLs and the
    next build can overwrite them.

.EXAMPLE
    ./build.ps1 -Task Test -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package', 'Demo')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    # 0: any free port, so demos of several clones can run at once.
    [int] $EmulatorPort = 0
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$configurationGiven = $PSBoundParameters.ContainsKey('Configuration')
$root = $PSScriptRoot
$solution = Join-Path $root 'RenewalTools.sln'
$moduleOut = Join-Path $root 'out/RenewalTools'
$zip = Join-Path $root 'out/RenewalTools.zip'
$pesterSummary = Join-Path $root 'TestResults/pester-summary.json'

. (Join-Path $root 'tools/ChildProcesses.ps1')

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

# A fresh PowerShell of the same kind as this one, so this session never loads the module's DLLs.
function Invoke-ChildScript([string] $Script, [string[]] $ArgumentList) {
    Invoke-ChildPowerShell -Script $Script -ArgumentList $ArgumentList
    if ($LASTEXITCODE -ne 0) { throw "The child PowerShell process failed with exit code $LASTEXITCODE." }
}

function Invoke-Build { Invoke-Dotnet build $solution -c $Configuration }

# Pester 5 as restore fetched it (the PackageDownload of the tests project pins the version), else an installed one.
function Find-PesterManifest {
    $testsProject = [xml](Get-Content -Raw -Path (Join-Path $root 'tests/RenewalTools.Tests/RenewalTools.Tests.csproj'))
    $download = $testsProject.SelectSingleNode("//PackageDownload[@Include='Pester']")
    if ($download) {
        $version = $download.GetAttribute('Version').Trim('[', ']')
        $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
        $restored = Join-Path $packages "pester/$version/tools/Pester.psd1"
        if (Test-Path -LiteralPath $restored) { return $restored }
    }
    $installed = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version.Major -eq 5 } | Sort-Object Version -Descending | Select-Object -First 1
    if ($installed) { return $installed.Path }
    throw "Pester 5 was not found: restore the solution (dotnet restore $solution) or Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser."
}

function Invoke-Test {
    $xunitFailure = $null
    try { Invoke-Dotnet test $solution -c $Configuration --logger 'console;verbosity=normal' }
    catch { $xunitFailure = $_ }

    # The child writes the summary even when tests fail, so CI counts them; a stale one must not count as this run's.
    Remove-Item -LiteralPath $pesterSummary -ErrorAction SilentlyContinue
    Invoke-ChildScript -ArgumentList @((Find-PesterManifest), (Join-Path $root 'tests'), $pesterSummary) @'
param([string] $PesterManifest, [string] $TestsFolder, [string] $SummaryPath)
$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest
$config = New-PesterConfiguration
$config.Run.Path = @(Get-ChildItem -Path $TestsFolder -Filter '*.Tests.ps1' | ForEach-Object FullName)
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$result = Invoke-Pester -Configuration $config
New-Item -ItemType Directory -Path (Split-Path -Parent $SummaryPath) -Force | Out-Null
[ordered]@{
    Passed  = $result.PassedCount
    # A failed BeforeAll or container runs no test: count it as a failure, never as nothing.
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount
    NotRun  = $result.NotRunCount
} | ConvertTo-Json | Set-Content -Path $SummaryPath -Encoding utf8
if ($result.Result -ne 'Passed') { exit 1 }
'@
    if ($xunitFailure) { throw $xunitFailure }
}

function Invoke-Docs {
    $platyPS = Get-Module -ListAvailable -Name platyPS | Select-Object -First 1
    if (-not $platyPS) {
        Write-Host 'platyPS is not installed: dotnet build converts docs/en-US/*.md with src/HelpBuilder.'
        Invoke-Build
        return
    }
    Invoke-Build
    Import-Module platyPS
    New-ExternalHelp -Path (Join-Path $root 'docs/en-US') -OutputPath (Join-Path $moduleOut 'en-US') -Force | Out-Null
    Copy-Item -Path (Join-Path $root 'docs/en-US/*.help.txt') -Destination (Join-Path $moduleOut 'en-US') -Force
    Write-Host "Help written by platyPS to $(Join-Path $moduleOut 'en-US')"
}

function Invoke-Package {
    Invoke-Build
    if (-not (Test-Path $zip)) { throw "The build did not produce $zip." }
    $size = [math]::Round((Get-Item $zip).Length / 1KB)
    Write-Host "Azure Automation package: $zip ($size KB; import it as a module named RenewalTools)."
    Write-Host "PowerShell Gallery folder: $moduleOut (Publish-Module -Path '$moduleOut')."
}

function Invoke-Demo {
    # The layout the last build made, unless -Configuration was given: building the other one would replace it (RT0001).
    $layoutRecord = Join-Path $root 'out/RenewalTools.configuration'
    if (-not $configurationGiven -and (Test-Path -LiteralPath $layoutRecord)) {
        $script:Configuration = (Get-Content -Raw -LiteralPath $layoutRecord).Trim()
    }
    Invoke-Build
    $scenario = Join-Path $root 'tests/CloudEmulator/scenarios/demo.json'
    $logDirectory = Join-Path ([IO.Path]::GetTempPath()) 'RenewalTools-demo'
    $emulator = Start-CloudEmulator -Root $root -ScenarioPath $scenario -LogDirectory $logDirectory -Port $EmulatorPort
    try {
        Write-Host "Cloud emulator: $($emulator.Endpoint) (requests logged to $($emulator.LogPath))"
        Invoke-ChildScript -ArgumentList @($root, $scenario, $emulator.Endpoint) @'
param([string] $Root, [string] $ScenarioPath, [string] $Endpoint)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $Root 'RenewalTools.psd1')
$accounts = (Get-Content -Raw -Path $ScenarioPath | ConvertFrom-Json).accounts
function New-DemoCredential([string] $Provider) {
    $account = $accounts | Where-Object provider -eq $Provider
    [pscredential]::new($account.id, (ConvertTo-SecureString $account.secret -AsPlainText -Force))
}
& (Join-Path $Root 'tests/Demo/EverydayJob.ps1') -Endpoint $Endpoint -TencentCredential (New-DemoCredential 'tencent') -AlibabaCredential (New-DemoCredential 'alibaba')
'@
    }
    finally {
        Stop-CloudEmulator $emulator.Process
    }
}

switch ($Task) {
    'Build'   { Invoke-Build }
    'Test'    { Invoke-Test }
    'Docs'    { Invoke-Docs }
    'Package' { Invoke-Package }
    'Demo'    { Invoke-Demo }
}
