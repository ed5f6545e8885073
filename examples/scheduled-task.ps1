<#
.SYNOPSIS
    Scheduled-task script: renews the instances of a CSV without prompting, logs, and exits non-zero on trouble.

.DESCRIPTION
    Run it non-interactively so that nothing can wait for an answer:

        pwsh -NoProfile -NonInteractive -File ./scheduled-task.ps1 -CsvPath ./cvm-instances.csv
        powershell.exe -NoProfile -NonInteractive -File .\scheduled-task.ps1 -CsvPath .\cvm-instances.csv

    Logs, reports and the journal go under the temp folder (RenewalTools/) unless -LogDirectory and -JournalPath say
    otherwise; a scheduled task should keep its journal somewhere durable, so that a rerun after a crash skips what
    was renewed.

    From a clone, against the local cloud emulator (see README.md; needs the module on PSModulePath):

        $env:PSModulePath = "$PWD/out" + [IO.Path]::PathSeparator + $env:PSModulePath
        $env:TENCENTCLOUD_SECRET_ID = 'AKIDdemoTencent000000000000000001'; $env:TENCENTCLOUD_SECRET_KEY = 'demoTencentSecretKey000000000001'
        pwsh -NoProfile -NonInteractive -File ./examples/scheduled-task.ps1 -CsvPath ./examples/cvm-instances.csv -Endpoint http://127.0.0.1:18321

    Credentials come from the environment (TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY, or
    ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET), a CLI profile (-ProfileName), or the SDK
    credentials file; see about_RenewalTools.

    Exit codes: 0 all renewed or submitted; 1 some Failed; 2 some Unknown (check the console before renewing again);
    3 the run could not start (no credentials, bad input file, module missing).
#>
param(
    [ValidateSet('Cvm', 'MongoDb', 'Ecs')]
    [string] $Service = 'Cvm',
    [Parameter(Mandatory)]
    [string] $CsvPath,
    [string] $LogDirectory = (Join-Path ([IO.Path]::GetTempPath()) 'RenewalTools'),
    [string] $JournalPath = (Join-Path $LogDirectory "renewal-journal-$(Get-Date -Format 'yyyyMM').jsonl"),
    [string] $ProfileName,
    [string] $Endpoint
)

$stamp = Get-Date -Format 'yyyyMMdd-HHmmss'
New-Item -ItemType Directory -Path $LogDirectory -Force | Out-Null
$log = Join-Path $LogDirectory "renewal-$stamp.log"
$report = Join-Path $LogDirectory "renewal-$stamp.csv"

function Write-Log([string] $Message) {
    $line = '{0:u} {1}' -f (Get-Date), $Message
    Add-Content -Path $log -Value $line
    Write-Output $line
}

try {
    Import-Module RenewalTools -ErrorAction Stop
    $renew = @{ JournalPath = $JournalPath; Force = $true; ErrorAction = 'Continue'; ErrorVariable = 'renewalErrors' }
    if ($ProfileName) { $renew.ProfileName = $ProfileName }
    if ($Endpoint) { $renew.Endpoint = $Endpoint }

    Write-Log "Renewing $Service instances from $CsvPath (journal $JournalPath)"
    $rows = Import-Csv -Path $CsvPath -ErrorAction Stop
    $results = switch ($Service) {
        'Cvm'     { $rows | Invoke-CvmRenewal @renew }
        'MongoDb' { $rows | Invoke-MongoDbRenewal @renew }
        'Ecs'     { $rows | Invoke-EcsRenewal @renew }
    }
}
catch {
    Write-Log "Run could not start: $($_.Exception.Message)"
    exit 3
}

$results | Export-Csv -Path $report -NoTypeInformation
foreach ($r in $results) {
    Write-Log ('{0} {1} {2}: {3} {4} {5}' -f $r.Service, $r.InstanceId, $r.Region, $r.Status, $r.ErrorCode, $r.RequestId)
}
foreach ($e in $renewalErrors) {
    Write-Log "error $($e.FullyQualifiedErrorId): $($e.Exception.Message)"
}
Write-Log "Report: $report"

$failed = @($results | Where-Object Status -eq 'Failed').Count
$unknown = @($results | Where-Object Status -eq 'Unknown').Count
Write-Log "$(@($results).Count) result(s): $failed failed, $unknown unknown"
if ($unknown -gt 0) { exit 2 }
if ($failed -gt 0) { exit 1 }
exit 0
