<#
.SYNOPSIS
    The everyday job against the cloud emulator: find what is due, see what it costs, renew within a cap, confirmed from
    the cloud, and what the cloud saw.

.DESCRIPTION
    The demo of `dotnet run --project tests/Demo` and `./build.ps1 -Task Demo`, and of the README's by-hand steps: run it
    against tests/CloudEmulator started with scenarios/demo.json, whose fleets put instances of all three clouds in
    several regions within 30 days of expiry.

    1. Get-*Instance -ExpiringWithinDays finds what is due in each cloud and region.
    2. Get-*RenewalQuote prices renewing it for a month, and the total.
    3. A capped Invoke-*Renewal -MaxTotalPrice below that total is refused before anything is sent (SpendCapExceeded).
    4. Within the cap every due instance is renewed, each result showing the expiry the cloud reported before and after.
    5. The emulator's own record (/_emulator/state and /_emulator/requests) shows each due instance renewed exactly once
       and nothing else renewed; the script fails otherwise.
    6. The auto-renew policy is audited and fixed in one pipeline (Get-*Instance | Where-Object AutoRenew -ne AutoRenew |
       Set-*AutoRenew -Policy AutoRenew -Force); the script fails unless each change either reads back from the cloud
       (Changed) or is reported Failed, exactly the failed ones still do not renew automatically, and setting the policy
       renewed nothing. (The legacy qcvm… ID fails: API 3.0 refuses it as malformed.)

    Only PowerShell's core commands are used (no Format-Table, Write-Host or Invoke-RestMethod), so the script runs in
    the engine that tests/Demo hosts as well as in pwsh and Windows PowerShell: tables are the module's format views
    through Out-Host, the narration goes to the host.

.EXAMPLE
    ./tests/Demo/EverydayJob.ps1 -Endpoint http://127.0.0.1:18321 -TencentCredential $tencent -AlibabaCredential $alibaba
#>
param(
    [Parameter(Mandatory)] [string] $Endpoint,
    [Parameter(Mandatory)] [pscredential] $TencentCredential,
    [Parameter(Mandatory)] [pscredential] $AlibabaCredential,
    [int] $ExpiringWithinDays = 30,
    # Also write the renewal results, then the auto-renew policy results, to the pipeline.
    [switch] $PassThru
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
if (-not (Get-Module RenewalTools)) { Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'RenewalTools.psd1')) }

$invariant = [cultureinfo]::InvariantCulture
$Endpoint = $Endpoint.TrimEnd('/')
$clouds = @(
    [pscustomobject]@{ Service = 'CVM'; Regions = @('ap-guangzhou', 'ap-shanghai'); Credential = $TencentCredential; Find = 'Get-CvmInstance'; Quote = 'Get-CvmRenewalQuote'; Renew = 'Invoke-CvmRenewal'; SetPolicy = 'Set-CvmAutoRenew' }
    [pscustomobject]@{ Service = 'MongoDB'; Regions = @('ap-guangzhou', 'ap-beijing'); Credential = $TencentCredential; Find = 'Get-MongoDbInstance'; Quote = 'Get-MongoDbRenewalQuote'; Renew = 'Invoke-MongoDbRenewal'; SetPolicy = 'Set-MongoDbAutoRenew' }
    [pscustomobject]@{ Service = 'ECS'; Regions = @('cn-hangzhou', 'cn-shanghai'); Credential = $AlibabaCredential; Find = 'Get-EcsInstance'; Quote = 'Get-EcsRenewalQuote'; Renew = 'Invoke-EcsRenewal'; SetPolicy = 'Set-EcsAutoRenew' }
)

function Show([string] $Text = '') { $Host.UI.WriteLine($Text) }
function Show-Step([string] $Title) { Show; Show "=== $Title" }
function Format-Money([decimal] $Amount) { $Amount.ToString('#,0.00', $invariant) + ' CNY' }

# The emulator's record, read over HTTP and parsed with System.Text.Json (present in pwsh, and shipped with the module
# for Windows PowerShell): the hosted engine has no Invoke-RestMethod.
function Get-EmulatorRecord([string] $Path) {
    $client = [System.Net.WebClient]::new()
    try { [System.Text.Json.JsonDocument]::Parse($client.DownloadString($Endpoint + '/_emulator/' + $Path)).RootElement }
    finally { $client.Dispose() }
}
function Get-RenewalCounts {
    $counts = @{}
    foreach ($instance in (Get-EmulatorRecord 'state').GetProperty('instances').EnumerateArray()) {
        $counts[$instance.GetProperty('id').GetString()] = $instance.GetProperty('renewalCount').GetInt32()
    }
    $counts
}
# Sort-Object is not among the core commands the hosted engine has.
function Join-Sorted([string[]] $Ids) { [Array]::Sort($Ids, [StringComparer]::Ordinal); $Ids -join ', ' }
function Get-RenewalRequestCount { @((Get-EmulatorRecord 'requests').EnumerateArray() | Where-Object { $_.GetProperty('action').GetString() -like 'Renew*' }).Count }

$countsBefore = Get-RenewalCounts
$cloud = @{ Endpoint = $Endpoint }

Show-Step "1. What expires within $ExpiringWithinDays days, in every cloud and region"
$due = @(foreach ($c in $clouds) {
        Show "PS> $($c.Find) -Region $($c.Regions -join ', ') -ExpiringWithinDays $ExpiringWithinDays"
        & $c.Find -Region $c.Regions -ExpiringWithinDays $ExpiringWithinDays -Credential $c.Credential @cloud
    })
$due | Out-Host
if ($due.Count -eq 0) {
    # A second run on the same emulator: the first one renewed everything that was due.
    Show "Nothing expires within $ExpiringWithinDays days: nothing to renew."
    return
}

Show-Step '2. What renewing them for a month costs'
$totals = [ordered]@{}
$quotes = @(foreach ($c in $clouds) {
        $ofCloud = @($due | Where-Object Service -EQ $c.Service)
        if ($ofCloud.Count -eq 0) { continue }
        Show "PS> `$due | Where-Object Service -EQ $($c.Service) | $($c.Quote) -Period 1 -Currency CNY"
        $cloudQuotes = @($ofCloud | & $c.Quote -Period 1 -Currency CNY -Credential $c.Credential @cloud)
        $total = [decimal] 0
        foreach ($quote in $cloudQuotes) {
            if ($null -eq $quote.Price) { throw "$($quote.InstanceId) has no price: $($quote.ErrorCode) $($quote.Message)" }
            $total += $quote.Price
        }
        $totals[$c.Service] = $total
        $cloudQuotes
    })
$quotes | Out-Host
$grandTotal = [decimal] 0
foreach ($total in $totals.Values) { $grandTotal += $total }
Show ("Total: " + (Format-Money $grandTotal) + ' (' + (@($totals.Keys | ForEach-Object { "$_ " + (Format-Money $totals[$_]) }) -join ', ') + ')')

# Round caps, as a person would set them: one below the quoted total (refused), one above it (renews).
$capped = @($clouds | Where-Object { $totals.Contains($_.Service) })[0]
$capBelow = [math]::Floor($totals[$capped.Service] / 200) * 100
if ($capBelow -lt 1) { $capBelow = [decimal] 1 }

Show-Step "3. A spend cap below the quoted total: refused before anything is sent"
Show "PS> `$due | Where-Object Service -EQ $($capped.Service) | $($capped.Renew) -Period 1 -MaxTotalPrice $capBelow -Currency CNY -Force"
$renewalRequestsBefore = Get-RenewalRequestCount
try {
    $due | Where-Object Service -EQ $capped.Service | & $capped.Renew -Period 1 -MaxTotalPrice $capBelow -Currency CNY -Force -Credential $capped.Credential @cloud | Out-Null
    throw "$($capped.Renew) -MaxTotalPrice $capBelow renewed instances quoted at $(Format-Money $totals[$capped.Service]): the cap should have refused the run."
}
catch {
    if ($_.FullyQualifiedErrorId -notlike 'SpendCapExceeded*') { throw }
    Show "Refused (SpendCapExceeded): $($_.Exception.Message)"
}
$sentWhileRefused = (Get-RenewalRequestCount) - $renewalRequestsBefore
Show "Renewal requests the cloud received meanwhile: $sentWhileRefused"
if ($sentWhileRefused -ne 0) { throw "The refused run sent $sentWhileRefused renewal request(s)." }

Show-Step '4. Within the cap: renewed, and confirmed from the expiry the cloud reports'
$results = @(foreach ($c in $clouds) {
        if (-not $totals.Contains($c.Service)) { continue }
        $cap = [math]::Ceiling($totals[$c.Service] / 100) * 100
        Show "PS> `$due | Where-Object Service -EQ $($c.Service) | $($c.Renew) -Period 1 -MaxTotalPrice $cap -Currency CNY -Force"
        $due | Where-Object Service -EQ $c.Service | & $c.Renew -Period 1 -MaxTotalPrice $cap -Currency CNY -Force -Credential $c.Credential @cloud
    })
$results | Out-Host
$confirmed = @($results | Where-Object { $_.Status -eq 'Renewed' -and $null -ne $_.PreviousExpiry -and $_.NewExpiry -gt $_.PreviousExpiry })
Show "$($confirmed.Count) of $($due.Count) due instance(s) Renewed, each with the new expiry read back from the cloud."

Show-Step '5. What the cloud saw'
$requests = @((Get-EmulatorRecord 'requests').EnumerateArray())
$byAction = [ordered]@{}
foreach ($request in $requests) { $action = $request.GetProperty('action').GetString(); $byAction[$action] = 1 + [int] $byAction[$action] }
Show ("$($requests.Count) requests: " + (@($byAction.Keys | ForEach-Object { "$($byAction[$_]) $_" }) -join ', '))
$countsAfter = Get-RenewalCounts
$dueIds = @{}
foreach ($instance in $due) { $dueIds[$instance.InstanceId] = $true }
$wrong = @(foreach ($id in $countsAfter.Keys) {
        $renewed = $countsAfter[$id] - [int] $countsBefore[$id]
        $expected = if ($dueIds.ContainsKey($id)) { 1 } else { 0 }
        if ($renewed -ne $expected) { "$id renewed $renewed time(s), expected $expected" }
    })
if ($wrong.Count -gt 0 -or $confirmed.Count -ne $due.Count) {
    throw "The cloud's record does not match the job: $($wrong -join '; ') ($($confirmed.Count) of $($due.Count) confirmed)."
}
Show "Each of the $($due.Count) due instances was renewed exactly once; the other $($countsAfter.Count - $due.Count) instance(s) were not touched."

Show-Step '6. The auto-renew policy: audit it and switch auto-renewal on where it is off'
$policyResults = @(foreach ($c in $clouds) {
        Show "PS> $($c.Find) -Region $($c.Regions -join ', ') | Where-Object AutoRenew -ne AutoRenew | $($c.SetPolicy) -Policy AutoRenew -Force"
        # A row the cloud refuses is a Failed result (and an error record, kept off the screen): the table reports it.
        & $c.Find -Region $c.Regions -Credential $c.Credential @cloud | Where-Object AutoRenew -ne AutoRenew |
            & $c.SetPolicy -Policy AutoRenew -Force -Credential $c.Credential @cloud -ErrorAction SilentlyContinue
    })
$policyResults | Out-Host
$changed = @($policyResults | Where-Object { $_.Status -eq 'Changed' -and $_.CurrentPolicy -eq 'AutoRenew' })
$failed = @($policyResults | Where-Object Status -EQ 'Failed' | ForEach-Object InstanceId)
$unexplained = @($policyResults | Where-Object { $_.Status -notin 'Changed', 'Failed' } | ForEach-Object { "$($_.InstanceId) $($_.Status) $($_.ErrorCode)" })
$stillOff = @(foreach ($c in $clouds) { & $c.Find -Region $c.Regions -Credential $c.Credential @cloud | Where-Object AutoRenew -ne AutoRenew | ForEach-Object InstanceId })
$countsAfterPolicy = Get-RenewalCounts
$renewedByPolicy = @($countsAfterPolicy.Keys | Where-Object { $countsAfterPolicy[$_] -ne [int] $countsAfter[$_] })
if ($changed.Count -eq 0 -or $unexplained.Count -gt 0 -or (Join-Sorted $stillOff) -ne (Join-Sorted $failed) -or $renewedByPolicy.Count -gt 0) {
    throw "The policy step did not do what it said: $($changed.Count) changed; neither changed nor failed: $($unexplained -join '; '); failed: $($failed -join ', '); still not auto-renewing: $($stillOff -join ', '); renewed by it: $($renewedByPolicy -join ', ')."
}
Show "$($changed.Count) instance(s) switched to AutoRenew, each read back from the cloud; $($failed.Count) refused (Failed, see ErrorCode) and still not auto-renewing; setting the policy renewed nothing."
if ($PassThru) { $results; $policyResults }
