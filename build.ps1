<#
.SYNOPSIS
    Builds, tests, documents, packages and demonstrates RenewalTools. dotnet does the real work.

.DESCRIPTION
    Works in PowerShell 7.4+ and Windows PowerShell 5.1; needs the .NET 10 SDK on PATH.

      Build    dotnet build RenewalTools.sln (lays out out/RenewalTools with its help and writes out/RenewalTools.zip)
      Test     dotnet test RenewalTools.sln, then the Pester 5 suite tests/*.Tests.ps1 when Pester 5 is installed
      Docs     PlatyPS New-ExternalHelp when platyPS is installed, else dotnet build (its converter writes the MAML)
      Package  dotnet build, then reports out/RenewalTools.zip (for Azure Automation) and out/RenewalTools (for
               Publish-Module -Path)
      Demo     starts the cloud emulator with tests/CloudEmulator/scenarios/demo.json and renews examples/*.csv

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

    [int] $EmulatorPort = 18321
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = $PSScriptRoot
$solution = Join-Path $root 'RenewalTools.sln'
$moduleOut = Join-Path $root 'out/RenewalTools'
$zip = Join-Path $root 'out/RenewalTools.zip'

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

# Runs a script in a fresh PowerShell process of the same kind as this one (pwsh or powershell.exe).
function Invoke-ChildPowerShell([string] $Script) {
    $hostPath = (Get-Process -Id $PID).Path
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Script))
    & $hostPath -NoProfile -NonInteractive -EncodedCommand $encoded
    if ($LASTEXITCODE -ne 0) { throw "The child PowerShell process failed with exit code $LASTEXITCODE." }
}

function Invoke-Build { Invoke-Dotnet build $solution -c $Configuration }

function Invoke-Test {
    Invoke-Dotnet test $solution -c $Configuration
    $pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version.Major -ge 5 } | Select-Object -First 1
    if (-not $pester) {
        Write-Warning 'Pester 5 is not installed: skipped tests/*.Tests.ps1 (Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser).'
        return
    }
    Invoke-ChildPowerShell @"
`$ErrorActionPreference = 'Stop'
Import-Module Pester -MinimumVersion 5.0
`$config = New-PesterConfiguration
`$config.Run.Path = @(Get-ChildItem -Path '$root/tests' -Filter '*.Tests.ps1' | ForEach-Object FullName)
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Detailed'
`$result = Invoke-Pester -Configuration `$config
if (`$result.FailedCount -gt 0) { exit 1 }
"@
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
    Invoke-Build
    Invoke-Dotnet build (Join-Path $root 'tests/CloudEmulator') -c $Configuration
    $emulatorDll = Join-Path $root "tests/CloudEmulator/bin/$Configuration/net10.0/CloudEmulator.dll"
    $scenario = Join-Path $root 'tests/CloudEmulator/scenarios/demo.json'
    $emulator = Start-Process -FilePath 'dotnet' -ArgumentList @("`"$emulatorDll`"", '--port', $EmulatorPort, '--scenario', "`"$scenario`"") -PassThru -NoNewWindow
    try {
        $endpoint = "http://127.0.0.1:$EmulatorPort"
        $deadline = (Get-Date).AddSeconds(60)
        while ($true) {
            try { Invoke-RestMethod -Uri "$endpoint/_emulator/state" | Out-Null; break }
            catch { if ((Get-Date) -gt $deadline) { throw "The emulator did not answer on $endpoint within 60 s." } Start-Sleep -Milliseconds 500 }
        }
        Invoke-ChildPowerShell @"
`$ErrorActionPreference = 'Stop'
Import-Module '$root/RenewalTools.psd1'
`$accounts = (Get-Content -Raw -Path '$scenario' | ConvertFrom-Json).accounts
function New-DemoCredential(`$provider) {
    `$a = `$accounts | Where-Object provider -eq `$provider
    [pscredential]::new(`$a.id, (ConvertTo-SecureString `$a.secret -AsPlainText -Force))
}
`$tc = New-DemoCredential 'tencent'
`$ali = New-DemoCredential 'alibaba'
Write-Host 'Review first (-WhatIf sends nothing):'
Import-Csv '$root/examples/cvm-instances.csv' | Invoke-CvmRenewal -WhatIf
`$results = @(
    Import-Csv '$root/examples/cvm-instances.csv' | Invoke-CvmRenewal -Credential `$tc -Endpoint '$endpoint' -Force -ErrorAction Continue
    Import-Csv '$root/examples/mongodb-instances.csv' | Invoke-MongoDbRenewal -Credential `$tc -Endpoint '$endpoint' -Force -ErrorAction Continue
    Import-Csv '$root/examples/ecs-instances.csv' | Invoke-EcsRenewal -Credential `$ali -Endpoint '$endpoint' -Force -ErrorAction Continue
)
`$results | Format-Table
`$report = Join-Path ([IO.Path]::GetTempPath()) 'renewal-demo-report.csv'
`$results | Export-Csv -Path `$report -NoTypeInformation
Write-Host "Report: `$report"
"@
    }
    finally {
        Stop-Process -Id $emulator.Id -ErrorAction SilentlyContinue
    }
}

switch ($Task) {
    'Build'   { Invoke-Build }
    'Test'    { Invoke-Test }
    'Docs'    { Invoke-Docs }
    'Package' { Invoke-Package }
    'Demo'    { Invoke-Demo }
}
