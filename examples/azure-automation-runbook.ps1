<#
.SYNOPSIS
    Azure Automation runbook: renews the instances listed in a CSV and fails the job if any renewal failed or is unknown.

.DESCRIPTION
    Import out/RenewalTools.zip as a module of the Automation account (PowerShell 5.1 or 7.x runtime), store the API
    key pair as a credential asset (user name = SecretId / AccessKeyId, password = SecretKey / AccessKeySecret), and
    put the instance list where the runbook can read it (a file shipped with a Hybrid Runbook Worker, or downloaded
    from storage first).

    -Force is required: a runbook cannot answer the confirmation prompt. The journal makes a restarted job safe: it
    skips what is already renewed and never resends a renewal that may have executed. A restarted job runs on a fresh
    sandbox, so give -JournalContainerUrl (https://<account>.blob.core.windows.net/<container>): the journal is then a
    blob, one per product and month, written with the Automation account's managed identity (turn it on, and grant it
    Storage Blob Data Contributor on the container; see README.md), and the run lock holds across machines, so an
    overlapping job gets RunInProgress instead of renewing everything again. Without it the report and the journal
    go to the temp folder (the sandbox's working folder), or wherever -JournalPath says.

    From a clone, against the local cloud emulator (see README.md), with a stand-in for the Automation cmdlet:

        $env:PSModulePath = "$PWD/out" + [IO.Path]::PathSeparator + $env:PSModulePath
        function Get-AutomationPSCredential([string] $Name) {
            [pscredential]::new('AKIDdemoTencent000000000000000001', (ConvertTo-SecureString 'demoTencentSecretKey000000000001' -AsPlainText -Force))
        }
        ./examples/azure-automation-runbook.ps1 -CsvPath ./examples/cvm-instances.csv -Endpoint http://127.0.0.1:18321
#>
param(
    [ValidateSet('Cvm', 'MongoDb', 'Ecs')]
    [string] $Service = 'Cvm',
    [string] $CsvPath = './cvm-instances.csv',
    [string] $CredentialName = 'TencentRenewal',
    [string] $ReportPath = (Join-Path ([IO.Path]::GetTempPath()) "renewal-report-$(Get-Date -Format 'yyyyMMdd-HHmmss').csv"),
    # A container in Azure Blob Storage for the journal (the job's managed identity writes it).
    [string] $JournalContainerUrl,
    [string] $JournalPath = $(if ($JournalContainerUrl) { "$($JournalContainerUrl.TrimEnd('/'))/$($Service.ToLowerInvariant())-renewal-$(Get-Date -Format 'yyyyMM').jsonl" } else { Join-Path ([IO.Path]::GetTempPath()) "renewal-journal-$(Get-Date -Format 'yyyyMM').jsonl" }),
    [string] $Endpoint
)

$ErrorActionPreference = 'Stop'
Import-Module RenewalTools

$credential = Get-AutomationPSCredential -Name $CredentialName
$renew = @{
    Credential  = $credential
    JournalPath = $JournalPath
    Force       = $true
    # Per-instance errors are reported below from the results; they must not stop the other instances.
    ErrorAction = 'Continue'
}
if ($Endpoint) { $renew.Endpoint = $Endpoint }

$rows = Import-Csv -Path $CsvPath
$results = switch ($Service) {
    'Cvm'     { $rows | Invoke-CvmRenewal @renew }
    'MongoDb' { $rows | Invoke-MongoDbRenewal @renew }
    'Ecs'     { $rows | Invoke-EcsRenewal @renew }
}

$results | Export-Csv -Path $ReportPath -NoTypeInformation
$results | Select-Object Service, InstanceId, Region, Period, PeriodUnit, Status, ErrorCode, RequestId | Format-Table -AutoSize | Out-String | Write-Output
Write-Output "Report: $ReportPath"

$bad = @($results | Where-Object { $_.Status -eq 'Failed' -or $_.Status -eq 'Unknown' })
if ($bad.Count -gt 0) {
    $unknown = @($bad | Where-Object Status -eq 'Unknown').Count
    throw "$($bad.Count) of $(@($results).Count) renewal(s) need attention ($unknown unknown: check them in the console before renewing again). See $ReportPath."
}
Write-Output "All $(@($results).Count) renewal(s) submitted or renewed."
