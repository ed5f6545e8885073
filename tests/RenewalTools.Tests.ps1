#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    The module as users meet it, in a real PowerShell against the local cloud emulator (127.0.0.1 only): import by
    path and from the packaged zip by name, help, Import-Csv of files as editors save them, the pipeline and the common
    parameters, transcripts, Export-Csv and Format-Table of the results, and the examples/ scripts run as a runbook and
    as a scheduled task.

    Run after a build (dotnet build RenewalTools.sln); ./build.ps1 -Task Test runs it with the Pester that restore
    fetched. By hand, from a fresh process:
        dotnet pwsh -NoProfile -Command "Import-Module ~/.nuget/packages/pester/5.7.1/tools/Pester.psd1; Invoke-Pester -Path ./tests/RenewalTools.Tests.ps1 -Output Detailed"

    One emulator (scenarios/pester.json) serves the whole file. The example CSVs' instances are renewed once each, in
    the order written here (the -WhatIf test runs before anything is renewed); every other test renews instances of its
    own: fresh IDs, which the scenario creates on first use, or one of its own postpaid ins-post000N.
#>
BeforeAll {
    $script:root = Split-Path -Parent $PSScriptRoot
    $script:manifest = Join-Path $root 'out/RenewalTools/RenewalTools.psd1'
    if (-not (Test-Path $manifest)) { throw "Build first: $manifest does not exist (dotnet build RenewalTools.sln)." }
    $script:examples = Join-Path $root 'examples'
    . (Join-Path $root 'tools/ChildProcesses.ps1')

    $scenarioPath = Join-Path $root 'tests/CloudEmulator/scenarios/pester.json'
    $script:emulator = Start-CloudEmulator -Root $root -ScenarioPath $scenarioPath -LogDirectory (Join-Path $TestDrive 'emulator')
    $script:endpoint = $emulator.Endpoint

    $accounts = (Get-Content -Raw -Path $scenarioPath | ConvertFrom-Json).accounts
    function New-ScenarioCredential([string] $Provider) {
        $account = $accounts | Where-Object provider -eq $Provider
        [pscredential]::new($account.id, (ConvertTo-SecureString $account.secret -AsPlainText -Force))
    }
    $script:tc = New-ScenarioCredential 'tencent'
    $script:ali = New-ScenarioCredential 'alibaba'
    $script:tencentSecret = $tc.GetNetworkCredential().Password
    # What every test that renews CVM instances of its own passes.
    $script:renewCvm = @{ Region = 'ap-guangzhou'; Period = 1; Credential = $tc; Endpoint = $endpoint; Force = $true }

    function script:Get-EmulatorRequests { @(Invoke-RestMethod -Uri "$endpoint/_emulator/requests") }
    function script:Get-RenewalCount([string] $Id) {
        ((Invoke-RestMethod -Uri "$endpoint/_emulator/state").instances | Where-Object id -eq $Id).renewalCount
    }
    # Requests that carried the instance, whether or not they renewed it.
    function script:Get-SentCount([string] $Id) { @(Get-EmulatorRequests | Where-Object { $_.instanceIds -contains $Id }).Count }
    # A CVM instance ID no test has used: the scenario creates it as a prepaid instance when it is first renewed.
    function script:New-CvmInstanceId { 'ins-' + -join (1..8 | ForEach-Object { [char[]]'abcdefghijklmnopqrstuvwxyz0123456789' | Get-Random }) }
    function script:New-CvmCsv([string] $Path, [string[]] $InstanceIds) {
        $InstanceIds | ForEach-Object { [pscustomobject]@{ InstanceId = $_; Region = 'ap-guangzhou'; Period = 1 } } |
            Export-Csv -Path $Path -NoTypeInformation
        $Path
    }

    <#
        Runs a script in a fresh non-interactive PowerShell that finds RenewalTools by name in $ModuleFolder (first on
        PSModulePath) and its Tencent credentials in the environment, as a scheduled task would. Returns the exit
        code and everything it printed.
    #>
    function script:Invoke-UserProcess {
        param([string] $File, [string] $Script, [string[]] $ArgumentList = @(), [string] $ModuleFolder = (Join-Path $root 'out'))
        $environment = @{
            TENCENTCLOUD_SECRET_ID  = $tc.UserName
            TENCENTCLOUD_SECRET_KEY = $tencentSecret
            PSModulePath            = $ModuleFolder + [IO.Path]::PathSeparator + $env:PSModulePath
        }
        $saved = @{}
        foreach ($name in $environment.Keys) {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $environment[$name])
        }
        try {
            $source = if ($File) { @{ File = $File } } else { @{ Script = $Script } }
            $output = Invoke-ChildPowerShell @source -ArgumentList $ArgumentList 2>&1 | Out-String
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output }
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }

    Import-Module $manifest -Force -ErrorAction Stop
}

AfterAll {
    Remove-Module RenewalTools -ErrorAction SilentlyContinue
    Stop-CloudEmulator $script:emulator.Process
}

Describe 'RenewalTools module' -Tag 'CI' {
    It 'imports from the laid-out folder and exports the renewal and auto-renew policy cmdlets' {
        $names = (Get-Command -Module RenewalTools -CommandType Cmdlet).Name
        $names | Should -Contain 'Invoke-CvmRenewal'
        $names | Should -Contain 'Invoke-MongoDbRenewal'
        $names | Should -Contain 'Invoke-EcsRenewal'
        $names | Should -Contain 'Set-CvmAutoRenew'
        $names | Should -Contain 'Set-MongoDbAutoRenew'
        $names | Should -Contain 'Set-EcsAutoRenew'
        (Get-Module RenewalTools).ExportedFunctions.Count | Should -Be 0
    }

    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $manifest -ErrorAction Stop } | Should -Not -Throw
    }

    It '<Name> has help: synopsis, every parameter described, at least three examples' -ForEach @(
        @{ Name = 'Invoke-CvmRenewal' }, @{ Name = 'Invoke-MongoDbRenewal' }, @{ Name = 'Invoke-EcsRenewal' },
        @{ Name = 'Get-CvmRenewalQuote' }, @{ Name = 'Get-MongoDbRenewalQuote' }, @{ Name = 'Get-EcsRenewalQuote' },
        @{ Name = 'Set-CvmAutoRenew' }, @{ Name = 'Set-MongoDbAutoRenew' }, @{ Name = 'Set-EcsAutoRenew' }
    ) {
        $help = Get-Help $Name -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "$Name *"
        @($help.examples.example).Count | Should -BeGreaterOrEqual 3
        $common = [System.Management.Automation.Cmdlet]::CommonParameters
        $documented = @{}
        foreach ($p in $help.parameters.parameter) { $documented[$p.name] = (($p.description | ForEach-Object Text) -join ' ').Trim() }
        foreach ($parameter in (Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $common }) {
            $documented.ContainsKey($parameter) | Should -BeTrue -Because "-$parameter must be documented"
            $documented[$parameter] | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
        }
    }

    It 'has the about_RenewalTools topic' {
        (Get-Help about_RenewalTools | Out-String) | Should -Match 'CONFIRMATION AND UNATTENDED RUNS'
    }

    It 'imports by name from the packaged zip (out/RenewalTools.zip) extracted into a folder on PSModulePath' {
        $modules = Join-Path $TestDrive 'zip-modules'
        Expand-Archive -Path (Join-Path $root 'out/RenewalTools.zip') -DestinationPath $modules
        $id = New-CvmInstanceId
        $run = Invoke-UserProcess -ModuleFolder $modules -ArgumentList $endpoint, $id -Script @'
param([string] $Endpoint, [string] $InstanceId)
$ErrorActionPreference = 'Stop'
Import-Module RenewalTools
"ModuleBase=$((Get-Module RenewalTools).ModuleBase)"
"Status=$(($InstanceId | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Endpoint $Endpoint -Force).Status)"
'@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match ('ModuleBase=' + [regex]::Escape((Join-Path $modules 'RenewalTools')))
        $run.Output | Should -Match 'Status=Renewed'
        Get-RenewalCount $id | Should -Be 1
    }

    It 'completes -Region with the cloud''s region IDs' {
        $line = 'Invoke-EcsRenewal -Region cn-hang'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'cn-hangzhou'
    }
}

Describe 'Renewing the example CSVs against the emulator' -Tag 'CI' {
    It '-WhatIf sends nothing and needs no credentials' {
        $before = (Get-EmulatorRequests).Count
        $out = Import-Csv (Join-Path $examples 'cvm-instances.csv') | Invoke-CvmRenewal -Endpoint $endpoint -WhatIf
        $out | Should -BeNullOrEmpty
        (Get-EmulatorRequests).Count | Should -Be $before
    }

    It 'a non-interactive run without -Force stops before sending anything' {
        $before = (Get-EmulatorRequests).Count
        $run = Invoke-UserProcess -ArgumentList $endpoint -Script @'
param([string] $Endpoint)
'ins-demo0001' | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Endpoint $Endpoint
'@
        $run.Output | Should -Match 'ConfirmationRequired|confirmation is required'
        $run.Output | Should -Not -Match '#< CLIXML'
        (Get-EmulatorRequests).Count | Should -Be $before
    }

    It 'Invoke-CvmRenewal: one result per row, the postpaid instance fails without stopping the others' {
        $results = Import-Csv (Join-Path $examples 'cvm-instances.csv') |
            Invoke-CvmRenewal -Credential $tc -Endpoint $endpoint -Force -ErrorAction SilentlyContinue -ErrorVariable renewalErrors
        @($results).Count | Should -Be 4
        $results | ForEach-Object { $_.GetType().FullName | Should -Be 'RenewalTools.RenewalResult' }
        @($results | Where-Object Status -eq 'Renewed').InstanceId | Sort-Object | Should -Be @('ins-demo0001', 'ins-demo0002', 'ins-demo0004')
        $failed = $results | Where-Object InstanceId -eq 'ins-demo0003'
        $failed.Status | Should -Be 'Failed'
        $failed.ErrorCode | Should -Be 'NotPrepaid'
        @($renewalErrors).Count | Should -Be 1
        $renewalErrors[0].FullyQualifiedErrorId | Should -BeLike 'NotPrepaid,*'
        $renewalErrors[0].Exception.Result.InstanceId | Should -Be 'ins-demo0003'
        Get-RenewalCount 'ins-demo0001' | Should -Be 1
        Get-RenewalCount 'ins-demo0003' | Should -Be 0
    }

    It 'Invoke-MongoDbRenewal renews every row of its CSV once' {
        $results = Import-Csv (Join-Path $examples 'mongodb-instances.csv') | Invoke-MongoDbRenewal -Credential $tc -Endpoint $endpoint -Force
        @($results).Count | Should -Be 2
        $results.Status | Should -Be @('Renewed', 'Renewed')
        $results | ForEach-Object { $_.RequestId | Should -Not -BeNullOrEmpty }
        Get-RenewalCount 'cmgo-demo0001' | Should -Be 1
        Get-RenewalCount 'cmgo-demo0002' | Should -Be 1
    }

    It 'Invoke-EcsRenewal renews prepaid rows with a ClientToken and reports the postpaid one as an error' {
        $results = Import-Csv (Join-Path $examples 'ecs-instances.csv') |
            Invoke-EcsRenewal -Credential $ali -Endpoint $endpoint -Force -ErrorAction SilentlyContinue -ErrorVariable renewalErrors
        @($results).Count | Should -Be 3
        $renewed = @($results | Where-Object Status -eq 'Renewed')
        $renewed.InstanceId | Sort-Object | Should -Be @('i-bp67acfmxazb4phdemo1', 'i-bp67acfmxazb4phdemo3')
        $renewed | ForEach-Object { $_.OrderId | Should -Not -BeNullOrEmpty; $_.ClientToken | Should -BeLike 'rt1-*' }
        ($results | Where-Object InstanceId -eq 'i-bp67acfmxazb4phdemo2').ErrorCode | Should -Be 'NotPrepaid'
        @($renewalErrors).Count | Should -Be 1
        $renewalErrors[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
    }

    It 'a rerun of the same ECS renewal on the same day does not charge again' {
        $results = Import-Csv (Join-Path $examples 'ecs-instances.csv') | Where-Object InstanceId -ne 'i-bp67acfmxazb4phdemo2' |
            Invoke-EcsRenewal -Credential $ali -Endpoint $endpoint -Force
        $results.Status | Should -Be @('Renewed', 'Renewed')
        Get-RenewalCount 'i-bp67acfmxazb4phdemo1' | Should -Be 1
        Get-RenewalCount 'i-bp67acfmxazb4phdemo3' | Should -Be 1
    }

    It 'results export every property with Export-Csv' {
        $report = Join-Path $TestDrive 'report.csv'
        $result = [RenewalTools.RenewalResult]::new()
        $result.InstanceId = 'ins-demo0001'
        $result | Export-Csv -Path $report -NoTypeInformation
        $header = (Get-Content $report -First 1) -replace '"', ''
        $header.Split(',') | Sort-Object | Should -Be ([RenewalTools.RenewalResult].GetProperties().Name | Sort-Object)
    }
}

Describe 'CSV files as editors and PowerShell save them' -Tag 'CI' {
    It 'Import-Csv of a file in <Name> feeds every row to Invoke-CvmRenewal' -ForEach @(
        @{ Name = 'UTF-8 with BOM'; Encoding = [Text.UTF8Encoding]::new($true); NewLine = "`n" }
        @{ Name = 'UTF-8 without BOM'; Encoding = [Text.UTF8Encoding]::new($false); NewLine = "`n" }
        @{ Name = 'UTF-8 with CRLF line endings'; Encoding = [Text.UTF8Encoding]::new($false); NewLine = "`r`n" }
        @{ Name = 'UTF-16 (Set-Content -Encoding Unicode)'; Encoding = $null; NewLine = "`r`n" }
    ) {
        $ids = @(New-CvmInstanceId; New-CvmInstanceId)
        $lines = @('InstanceId,Region,Period') + ($ids | ForEach-Object { "$_,ap-guangzhou,1" })
        $path = Join-Path $TestDrive 'instances.csv'
        if ($Encoding) { [IO.File]::WriteAllText($path, ($lines -join $NewLine) + $NewLine, $Encoding) }
        else { Set-Content -Path $path -Value $lines -Encoding Unicode }

        $rows = @(Import-Csv -Path $path)
        $rows[0].PSObject.Properties.Name | Should -Be @('InstanceId', 'Region', 'Period') -Because 'no BOM or CR may leak into a column name or value'
        $results = @($rows | Invoke-CvmRenewal -Credential $tc -Endpoint $endpoint -Force)
        $results.InstanceId | Should -Be $ids
        $results.Status | Should -Be @('Renewed', 'Renewed')
        $results.Region | Should -Be @('ap-guangzhou', 'ap-guangzhou')
        foreach ($id in $ids) { Get-RenewalCount $id | Should -Be 1 }
    }
}

Describe 'Results of a mixed run' -Tag 'CI' {
    BeforeAll {
        $script:renewedIds = @(New-CvmInstanceId; New-CvmInstanceId)
        $script:postpaidId = 'ins-post0001'
        # -NoWait with an explicit flag reads nothing first: the postpaid row reaches the cloud, whose long error code the
        # table must show whole.
        $script:mixedResults = @($renewedIds + $postpaidId | Invoke-CvmRenewal @renewCvm -NoWait -RenewFlag NOTIFY_AND_MANUAL_RENEW -ErrorAction SilentlyContinue)
    }

    It 'Export-Csv and Import-Csv keep every row, with a readable Status' {
        $report = Join-Path $TestDrive 'report.csv'
        $mixedResults | Export-Csv -Path $report -NoTypeInformation
        $reimported = @(Import-Csv -Path $report)
        $reimported.Count | Should -Be 3
        $reimported.InstanceId | Sort-Object | Should -Be (@($renewedIds + $postpaidId) | Sort-Object)
        ($reimported | Where-Object InstanceId -in $renewedIds).Status | Should -Be @('Submitted', 'Submitted')
        $failed = $reimported | Where-Object InstanceId -eq $postpaidId
        $failed.Status | Should -Be 'Failed'
        $failed.ErrorCode | Should -Be 'UnsupportedOperation.InstanceChargeType'
        foreach ($id in $renewedIds) { Get-RenewalCount $id | Should -Be 1 }
        Get-RenewalCount $postpaidId | Should -Be 0
    }

    It 'Format-Table at 80 columns shows each InstanceId and Status' {
        $table = $mixedResults | Format-Table | Out-String -Width 80
        $header = ($table -split "`n" | Where-Object { $_ -match '\S' } | Select-Object -First 1)
        $header | Should -Match 'InstanceId'
        $header | Should -Match 'Status'
        foreach ($result in $mixedResults) {
            $table | Should -Match ([regex]::Escape($result.InstanceId) + '\s.*\b' + $result.Status + '\b')
        }
    }

    It 'Format-Table at 200 columns shows the ErrorCode in full' {
        $table = $mixedResults | Format-Table | Out-String -Width 200
        $table | Should -Match 'ErrorCode'
        $table | Should -Match "$postpaidId\s.*\bFailed\s.*\bUnsupportedOperation\.InstanceChargeType\b"
    }
}

Describe 'The pipeline and the common parameters' -Tag 'CI' {
    It 'Select-Object -First 1 ends the pipeline with one result and renews nothing twice' {
        $ids = @(New-CvmInstanceId; New-CvmInstanceId; New-CvmInstanceId)
        $first = @($ids | Invoke-CvmRenewal @renewCvm | Select-Object -First 1)
        $first.Count | Should -Be 1
        $first[0].InstanceId | Should -BeIn $ids
        $first[0].Status | Should -Be 'Renewed'
        Get-RenewalCount $first[0].InstanceId | Should -Be 1
        foreach ($id in $ids) { Get-RenewalCount $id | Should -BeLessOrEqual 1 }
    }

    It '-ErrorAction Stop ends with a terminating error and sends nothing twice' {
        $prepaidId = New-CvmInstanceId
        $postpaidId = 'ins-post0002'
        { $prepaidId, $postpaidId | Invoke-CvmRenewal @renewCvm -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotPrepaid,*'
        $sentAfterStop = (Get-EmulatorRequests).Count
        Start-Sleep -Milliseconds 500
        (Get-EmulatorRequests).Count | Should -Be $sentAfterStop -Because 'nothing is sent after the terminating error'
        Get-SentCount $postpaidId | Should -Be 1
        Get-RenewalCount $postpaidId | Should -Be 0
        Get-RenewalCount $prepaidId | Should -BeLessOrEqual 1
        @(Get-EmulatorRequests | Where-Object { $_.executed -and $_.instanceIds -contains $prepaidId }).Count | Should -BeLessOrEqual 1
    }

    It '-WarningAction SilentlyContinue hides the unusual-ID warning but -WarningVariable still gets it' {
        $id = 'ins-unusualshape01'
        $out = @($id | Invoke-CvmRenewal @renewCvm -WarningAction SilentlyContinue -WarningVariable warnings -ErrorAction SilentlyContinue 3>&1)
        @($out | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Count | Should -Be 0
        @($warnings).Count | Should -Be 1
        $warnings[0].Message | Should -Match $id
        $out.Count | Should -Be 1
        $out[0].InstanceId | Should -Be $id
        $out[0].Status | Should -Be 'Failed' -Because 'the emulator knows no instance of that shape'
        Get-SentCount $id | Should -Be 1
    }

    It '-WarningAction Stop stops at the warning, before anything is sent' {
        $id = 'ins-unusualshape02'
        { $id | Invoke-CvmRenewal @renewCvm -WarningAction Stop } |
            Should -Throw
        Get-SentCount $id | Should -Be 0
    }

    It '$PSDefaultParameterValues supplies -Force, -Credential and -Endpoint' {
        $id = New-CvmInstanceId
        $PSDefaultParameterValues = @{
            'Invoke-CvmRenewal:Force'      = $true
            'Invoke-CvmRenewal:Credential' = $tc
            'Invoke-CvmRenewal:Endpoint'   = $endpoint
        }
        $result = $id | Invoke-CvmRenewal -Region ap-guangzhou -Period 1
        $result.Status | Should -Be 'Renewed'
        Get-RenewalCount $id | Should -Be 1
    }

    It 'a transcript of a -Verbose -Debug run holds the story but not the secret key' {
        $id = New-CvmInstanceId
        $transcript = Join-Path $TestDrive 'transcript.txt'
        Start-Transcript -Path $transcript | Out-Null
        try {
            $result = $id | Invoke-CvmRenewal @renewCvm -Verbose -Debug
        }
        finally { Stop-Transcript | Out-Null }
        $result.Status | Should -Be 'Renewed'
        $text = Get-Content -Raw -Path $transcript
        $text | Should -Match 'VERBOSE:.*'
        $text | Should -Match 'DEBUG:.*'
        $text | Should -Match $result.RequestId
        $text | Should -Not -Match ([regex]::Escape($tencentSecret))
        Get-RenewalCount $id | Should -Be 1
    }
}

Describe 'The examples, run as users run them' -Tag 'CI' {
    BeforeAll {
        # Azure Automation's own cmdlet, played by a stub that records the asset name it was asked for.
        $script:credentialAssets = [Collections.Generic.List[string]]::new()
        function script:Get-AutomationPSCredential([string] $Name) { $credentialAssets.Add($Name); $tc }
        $script:savedModulePath = $env:PSModulePath
        $env:PSModulePath = (Join-Path $root 'out') + [IO.Path]::PathSeparator + $env:PSModulePath
    }

    AfterAll {
        $env:PSModulePath = $savedModulePath
    }

    It 'the Azure Automation runbook renews a CSV with the credential asset and reports every row' {
        $ids = @(New-CvmInstanceId; New-CvmInstanceId)
        $csv = New-CvmCsv (Join-Path $TestDrive 'runbook.csv') $ids
        $report = Join-Path $TestDrive 'runbook-report.csv'
        $journal = Join-Path $TestDrive 'runbook-journal.jsonl'
        $output = & (Join-Path $examples 'azure-automation-runbook.ps1') -CsvPath $csv -Endpoint $endpoint -ReportPath $report -JournalPath $journal | Out-String
        $output | Should -Match 'All 2 renewal\(s\) submitted or renewed'
        $credentialAssets | Should -Contain 'TencentRenewal'
        (Import-Csv $report).Status | Should -Be @('Renewed', 'Renewed')
        (Get-RenewalJournal -Path $journal | Where-Object Status -eq 'Renewed').InstanceId | Sort-Object | Should -Be ($ids | Sort-Object)
        foreach ($id in $ids) { Get-RenewalCount $id | Should -Be 1 }
    }

    It 'the Azure Automation runbook fails the job when a row failed, after renewing the others' {
        $prepaidId = New-CvmInstanceId
        $csv = New-CvmCsv (Join-Path $TestDrive 'runbook-bad.csv') @($prepaidId, 'ins-post0003')
        $report = Join-Path $TestDrive 'runbook-bad-report.csv'
        { & (Join-Path $examples 'azure-automation-runbook.ps1') -CsvPath $csv -Endpoint $endpoint -ReportPath $report -JournalPath (Join-Path $TestDrive 'runbook-bad.jsonl') 2>$null } |
            Should -Throw '*1 of 2 renewal(s) need attention*'
        @(Import-Csv $report).Count | Should -Be 2
        Get-RenewalCount $prepaidId | Should -Be 1
    }

    It 'the scheduled-task script runs non-interactively end to end, and a rerun with its journal renews nothing again' {
        $ids = @(New-CvmInstanceId; New-CvmInstanceId)
        $csv = New-CvmCsv (Join-Path $TestDrive 'task.csv') $ids
        $logs = Join-Path $TestDrive 'task-logs'
        $arguments = @('-CsvPath', $csv, '-LogDirectory', $logs, '-JournalPath', (Join-Path $TestDrive 'task-journal.jsonl'), '-Endpoint', $endpoint)
        $task = Join-Path $examples 'scheduled-task.ps1'

        $first = Invoke-UserProcess -File $task -ArgumentList $arguments
        $first.ExitCode | Should -Be 0 -Because $first.Output
        $first.Output | Should -Match '2 result\(s\): 0 failed, 0 unknown'
        $first.Output | Should -Not -Match '#< CLIXML'
        foreach ($id in $ids) { $first.Output | Should -Match "CVM $id ap-guangzhou: Renewed" }
        @(Get-ChildItem -Path $logs -Filter 'renewal-*.log').Count | Should -Be 1
        (Import-Csv (Get-ChildItem -Path $logs -Filter 'renewal-*.csv').FullName).Status | Should -Be @('Renewed', 'Renewed')

        Start-Sleep -Seconds 1 # the log and report names carry the second
        $rerun = Invoke-UserProcess -File $task -ArgumentList $arguments
        $rerun.ExitCode | Should -Be 0 -Because $rerun.Output
        foreach ($id in $ids) {
            $rerun.Output | Should -Match "CVM $id ap-guangzhou: Skipped"
            Get-RenewalCount $id | Should -Be 1
        }
    }

    It 'the scheduled-task script exits 1 when a row failed' {
        $csv = New-CvmCsv (Join-Path $TestDrive 'task-bad.csv') @('ins-post0004')
        $run = Invoke-UserProcess -File (Join-Path $examples 'scheduled-task.ps1') -ArgumentList @('-CsvPath', $csv, '-LogDirectory', (Join-Path $TestDrive 'task-bad-logs'), '-JournalPath', (Join-Path $TestDrive 'task-bad.jsonl'), '-Endpoint', $endpoint)
        $run.ExitCode | Should -Be 1 -Because $run.Output
        $run.Output | Should -Match 'NotPrepaid'
    }
}

Describe 'Discovery and the read side, as a runbook uses them' -Tag 'CI' {
    BeforeAll {
        $script:cloud = @{ Credential = $tc; Endpoint = $endpoint }
        # Invoke-RestMethod writes the JSON array as one object: unroll it before counting.
        function script:Get-DescribeCount { @(Get-EmulatorRequests | ForEach-Object { $_ } | Where-Object action -eq 'DescribeInstances').Count }
        # Looking IDs up creates them in this scenario (instances exist on first use), prepaid and due in 30 days.
        # 11 pages of 100: more than the first page plus the read-ahead bound (-ThrottleLimit, default 8).
        $script:nanjing = @(1..1050 | ForEach-Object { New-CvmInstanceId })
        @(Get-CvmInstance -Region ap-nanjing -InstanceId $nanjing @cloud).Count | Should -Be 1050
    }

    It 'Get-CvmInstance | Select-Object -First 5 reads at most the read-ahead bound of pages more, and in order' {
        $before = Get-DescribeCount
        $first = @(Get-CvmInstance -Region ap-nanjing @cloud | Select-Object -First 5)
        Start-Sleep -Milliseconds 500 # a read already sent when the pipeline stopped still counts
        $sent = (Get-DescribeCount) - $before
        $first.Count | Should -Be 5
        $first[0].GetType().FullName | Should -Be 'RenewalTools.CloudInstance'
        $sent | Should -BeLessOrEqual (1 + 8) -Because 'the first page, then at most -ThrottleLimit (8) pages ahead of the one being written'
        # The cloud (the emulator) lists a region in ID order: every page, read at once, comes out in that order.
        $expected = [string[]] $nanjing.Clone()
        [Array]::Sort($expected, [StringComparer]::Ordinal)
        $first.InstanceId | Should -Be $expected[0..4]
        @(Get-CvmInstance -Region ap-nanjing @cloud).InstanceId | Should -Be $expected
    }

    It 'the instance table fits 120 columns with the expiry in UTC' {
        $table = Get-CvmInstance -Region ap-nanjing @cloud | Select-Object -First 3 | Format-Table | Out-String -Width 120
        $table | Should -Match 'ExpiresAt \(UTC\)'
        $table | Should -Match ([regex]::Escape($nanjing[0]) + '|ins-')
    }

    It 'discover-then-renew renews each due instance once, confirmed from the cloud, and a rerun finds nothing due' {
        $ids = @(1..3 | ForEach-Object { New-CvmInstanceId })
        Get-CvmInstance -Region ap-chengdu -InstanceId $ids @cloud | Out-Null
        $results = @(Get-CvmInstance -Region ap-chengdu -ExpiringWithinDays 40 @cloud | Invoke-CvmRenewal -Period 1 -Force @cloud)
        $results.InstanceId | Sort-Object | Should -Be ($ids | Sort-Object)
        foreach ($result in $results) {
            $result.Status | Should -Be 'Renewed'
            $result.NewExpiry | Should -Be $result.PreviousExpiry.AddMonths(1)
        }
        @(Get-CvmInstance -Region ap-chengdu -ExpiringWithinDays 40 @cloud | Invoke-CvmRenewal -Period 1 -Force @cloud).Count | Should -Be 0
        foreach ($id in $ids) { Get-RenewalCount $id | Should -Be 1 }
    }

    It 'the renewal table shows each expiry change, both dates, at <Width> columns' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
        $ids = @(1..2 | ForEach-Object { New-CvmInstanceId })
        Get-CvmInstance -Region ap-chongqing -InstanceId $ids @cloud | Out-Null
        $results = @($ids | Invoke-CvmRenewal -Region ap-chongqing -Period 1 -Force @cloud)
        $table = $results | Format-Table | Out-String -Width $Width
        $lines = $table -split "`r?`n"
        $lines | Where-Object { $_.TrimEnd().Length -gt $Width } | Should -BeNullOrEmpty
        $lines | Where-Object { $_ -match '\S' } | Select-Object -First 1 | Should -Match 'PreviousExpiry -> NewExpiry'
        foreach ($result in $results) {
            $result.NewExpiry | Should -Be $result.PreviousExpiry.AddMonths(1)
            $change = $result.PreviousExpiry.UtcDateTime.ToString('yyyy-MM-dd HH:mm') + ' -> ' + $result.NewExpiry.UtcDateTime.ToString('yyyy-MM-dd HH:mm')
            $table | Should -Match ([regex]::Escape($result.InstanceId) + '\s+Renewed\s+' + [regex]::Escape($change))
        }
    }

    It 'Import-Csv rows are looked up in their own Region, and the found instances renew in theirs' {
        $guangzhou = New-CvmInstanceId
        $shanghai = New-CvmInstanceId
        $csv = Join-Path $TestDrive 'two-regions.csv'
        @([pscustomobject]@{ InstanceId = $guangzhou; Region = 'ap-guangzhou' }, [pscustomobject]@{ InstanceId = $shanghai; Region = 'ap-shanghai' }) |
            Export-Csv -Path $csv -NoTypeInformation
        $found = @(Import-Csv $csv | Get-CvmInstance @cloud)
        ($found | ForEach-Object { "$($_.InstanceId)@$($_.Region)" } | Sort-Object) | Should -Be (@("$guangzhou@ap-guangzhou", "$shanghai@ap-shanghai") | Sort-Object)
        $results = @($found | Invoke-CvmRenewal -Period 1 -Force @cloud)
        ($results | ForEach-Object { "$($_.InstanceId)@$($_.Region)=$($_.Status)" } | Sort-Object) | Should -Be (@("$guangzhou@ap-guangzhou=Renewed", "$shanghai@ap-shanghai=Renewed") | Sort-Object)
    }

    It 'a CSV job with -OnlyIfExpiringWithinDays, rerun from the top without a journal, renews nothing twice' {
        $ids = @(1..3 | ForEach-Object { New-CvmInstanceId })
        $csv = Join-Path $TestDrive 'guarded.csv'
        New-CvmCsv -Path $csv -InstanceIds $ids
        $first = @(Import-Csv $csv | Invoke-CvmRenewal -Period 1 -OnlyIfExpiringWithinDays 40 -Force @cloud)
        $first.Status | Should -Be @('Renewed', 'Renewed', 'Renewed')
        # The job is restarted from the top on a fresh sandbox: no journal, same CSV.
        $rerun = @(Import-Csv $csv | Invoke-CvmRenewal -Period 1 -OnlyIfExpiringWithinDays 40 -Force @cloud)
        $rerun.Status | Should -Be @('Skipped', 'Skipped', 'Skipped')
        $rerun.ErrorCode | Should -Be @('NotDue', 'NotDue', 'NotDue')
        $rerun[0].Message | Should -Match 'Not due: expires in \d+ days'
        foreach ($id in $ids) { Get-RenewalCount $id | Should -Be 1 }
    }
}

Describe 'Setting the auto-renew policy from an audit CSV, as a runbook does' -Tag 'CI' {
    BeforeAll {
        $script:cloud = @{ Credential = $tc; Endpoint = $endpoint }
        # Three instances of their own in a region no other test uses (looking them up creates them). The first already
        # renews automatically, so the audit has something to keep.
        $script:policyIds = @(1..3 | ForEach-Object { New-CvmInstanceId })
        Get-CvmInstance -Region ap-beijing -InstanceId $policyIds @cloud | Out-Null
        ($policyIds[0] | Set-CvmAutoRenew -Region ap-beijing -Policy AutoRenew -Force @cloud).Status | Should -Be 'Changed'
        function script:Get-PolicyWrites { @(Get-EmulatorRequests | ForEach-Object { $_ } | Where-Object action -eq 'ModifyInstancesRenewFlag') }

        # The audit as users keep it: Get-CvmInstance to CSV, then the wanted policy written into a Policy column.
        $script:audit = Join-Path $TestDrive 'cvm-policy-audit.csv'
        Get-CvmInstance -Region ap-beijing @cloud | Select-Object InstanceId, Region, AutoRenew | Export-Csv -Path $audit -NoTypeInformation
        $script:plan = Join-Path $TestDrive 'cvm-policy.csv'
        Import-Csv -Path $audit |
            Select-Object InstanceId, Region, @{ n = 'Policy'; e = { if ($_.InstanceId -eq $policyIds[1]) { 'NoRenewal' } else { 'AutoRenew' } } } |
            Export-Csv -Path $plan -NoTypeInformation
    }

    It 'the audit CSV holds each instance''s AutoRenew policy' {
        $rows = @(Import-Csv -Path $audit)
        $rows.InstanceId | Sort-Object | Should -Be ($policyIds | Sort-Object)
        ($rows | Where-Object InstanceId -eq $policyIds[0]).AutoRenew | Should -Be 'AutoRenew'
        foreach ($id in $policyIds[1..2]) { ($rows | Where-Object InstanceId -eq $id).AutoRenew | Should -Be 'Manual' }
    }

    It 'Import-Csv | Set-CvmAutoRenew -WhatIf sends nothing, needs no credentials and prints a What if line per row' {
        $before = (Get-PolicyWrites).Count
        $requests = @(Get-EmulatorRequests | ForEach-Object { $_ }).Count
        $transcript = Join-Path $TestDrive 'policy-whatif.txt'
        Start-Transcript -Path $transcript | Out-Null
        try { $out = Import-Csv -Path $plan | Set-CvmAutoRenew -Endpoint $endpoint -WhatIf }
        finally { Stop-Transcript | Out-Null }
        $out | Should -BeNullOrEmpty
        (Get-PolicyWrites).Count | Should -Be $before
        @(Get-EmulatorRequests | ForEach-Object { $_ }).Count | Should -Be $requests -Because '-WhatIf does not even read'
        $text = Get-Content -Raw -Path $transcript
        $text | Should -Match ('What if: .*Set auto-renew to NoRenewal \(ModifyInstancesRenewFlag DISABLE_NOTIFY_AND_MANUAL_RENEW\).*expires at the end of its term.*' + [regex]::Escape($policyIds[1]))
        foreach ($id in $policyIds[0], $policyIds[2]) {
            $text | Should -Match ('What if: .*Set auto-renew to AutoRenew \(ModifyInstancesRenewFlag NOTIFY_AND_AUTO_RENEW\).*' + [regex]::Escape($id))
        }
    }

    It 'the same CSV with -Force under a transcript changes what differs, keeps the rest, and shows no secret' {
        $before = (Get-PolicyWrites).Count
        $transcript = Join-Path $TestDrive 'policy-force.txt'
        Start-Transcript -Path $transcript | Out-Null
        try {
            $script:policyResults = @(Import-Csv -Path $plan | Set-CvmAutoRenew -Force -Verbose @cloud)
            $policyResults | Format-Table | Out-Host
        }
        finally { Stop-Transcript | Out-Null }

        $policyResults.InstanceId | Sort-Object | Should -Be ($policyIds | Sort-Object)
        $kept = $policyResults | Where-Object InstanceId -eq $policyIds[0]
        $kept.Status | Should -Be 'Unchanged'
        $kept.CurrentPolicy | Should -Be 'AutoRenew'
        ($policyResults | Where-Object InstanceId -eq $policyIds[1]).CurrentPolicy | Should -Be 'NoRenewal'
        ($policyResults | Where-Object InstanceId -eq $policyIds[2]).CurrentPolicy | Should -Be 'AutoRenew'
        foreach ($changed in $policyResults | Where-Object InstanceId -ne $policyIds[0]) {
            $changed.Status | Should -Be 'Changed'
            $changed.RequestId | Should -Not -BeNullOrEmpty
        }
        # Two policies, two requests; nothing for the instance already there.
        $writes = @(Get-PolicyWrites | Select-Object -Skip $before)
        $writes.Count | Should -Be 2
        $writes.instanceIds | Should -Not -Contain $policyIds[0]
        # The cloud now reads what the CSV asked for.
        $now = @(Get-CvmInstance -Region ap-beijing -InstanceId $policyIds @cloud)
        ($now | Where-Object InstanceId -eq $policyIds[1]).AutoRenew | Should -Be 'NoRenewal'
        ($now | Where-Object InstanceId -eq $policyIds[2]).AutoRenew | Should -Be 'AutoRenew'
        # A policy change renews nothing.
        foreach ($id in $policyIds) { Get-RenewalCount $id | Should -Be 0 }

        $text = Get-Content -Raw -Path $transcript
        $text | Should -Match 'VERBOSE:.*'
        $text | Should -Match 'PreviousPolicy -> CurrentPolicy'
        $text | Should -Not -Match ([regex]::Escape($tencentSecret))
    }

    It 'Export-Csv of the results round-trips Status, PreviousPolicy and CurrentPolicy' {
        $report = Join-Path $TestDrive 'cvm-policy-report.csv'
        $policyResults | Export-Csv -Path $report -NoTypeInformation
        $reimported = @(Import-Csv -Path $report)
        $auditRows = @(Import-Csv -Path $audit)
        $reimported.Count | Should -Be 3
        foreach ($result in $policyResults) {
            $row = $reimported | Where-Object InstanceId -eq $result.InstanceId
            $row.Status | Should -Be "$($result.Status)"
            $row.PreviousPolicy | Should -Be ($auditRows | Where-Object InstanceId -eq $result.InstanceId).AutoRenew -Because 'the policy read before sending is the one the audit saw'
            $row.CurrentPolicy | Should -Be "$($result.CurrentPolicy)"
            $row.Policy | Should -Be "$($result.Policy)"
        }
        # The report is itself a valid input: rerunning it sends nothing, every row is already where it asked to be.
        $before = (Get-PolicyWrites).Count
        $rerun = @(Import-Csv -Path $report | Select-Object InstanceId, Region, Policy | Set-CvmAutoRenew -Force @cloud)
        $rerun.Status | Should -Be @('Unchanged', 'Unchanged', 'Unchanged')
        (Get-PolicyWrites).Count | Should -Be $before
    }

    It 'Format-Table of the results fits 80 columns and shows each policy change' {
        $table = $policyResults | Format-Table | Out-String -Width 80
        $lines = $table -split "`r?`n"
        $lines | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
        $lines | Where-Object { $_ -match '\S' } | Select-Object -First 1 | Should -Match 'PreviousPolicy -> CurrentPolicy or ErrorCode'
        foreach ($result in $policyResults) {
            $change = "$($result.PreviousPolicy) -> $($result.CurrentPolicy)"
            $table | Should -Match ([regex]::Escape($result.InstanceId) + '\s+' + $result.Status + '\s+' + [regex]::Escape($change))
        }
    }
}

Describe 'Knowing the cost first: quotes, a spend cap and the balance, as a runbook uses them' -Tag 'CI' {
    BeforeAll {
        $script:cloud = @{ Credential = $tc; Endpoint = $endpoint }
        # Instances the scenario creates on first use cost 10 a month (autoCreateMonthlyPrice).
        $script:quoteCsv = Join-Path $TestDrive 'due.csv'
        $script:quoteIds = @(1..4 | ForEach-Object { New-CvmInstanceId })
        $quoteIds | ForEach-Object -Begin { $i = 0 } -Process { [pscustomobject]@{ InstanceId = $_; Region = 'ap-guangzhou'; Period = (1, 3)[$i++ % 2] } } |
            Export-Csv -Path $quoteCsv -NoTypeInformation
    }

    It 'Import-Csv | Get-CvmRenewalQuote gives one quote per row, with each row''s own period, and exports to CSV' {
        $report = Join-Path $TestDrive 'quotes.csv'
        Import-Csv $quoteCsv | Get-CvmRenewalQuote @cloud | Export-Csv -Path $report -NoTypeInformation
        # Several inquiries run at once, but the quotes come out in input order.
        $rows = @(Import-Csv $report)
        $rows.InstanceId | Should -Be $quoteIds
        $rows.Price | Should -Be @('10', '30', '10', '30')
        $rows.Action | Select-Object -Unique | Should -Be 'InquiryPriceRenewInstances'
        foreach ($id in $quoteIds) { Get-RenewalCount $id | Should -Be 0 }
    }

    It 'the quote table shows the price and the period at 80 columns' {
        $table = Import-Csv $quoteCsv | Get-CvmRenewalQuote @cloud | Format-Table | Out-String -Width 80
        $table | Should -Match ([regex]::Escape($quoteIds[1]) + '.*3 Month\s+30\.00')
    }

    It 'a cap below the quoted total stops the runbook before any renewal, with the figures' {
        $total = (Import-Csv $quoteCsv | Get-CvmRenewalQuote @cloud | Measure-Object -Property Price -Sum).Sum
        $total | Should -Be 80
        $caught = $null
        try {
            Import-Csv $quoteCsv | Invoke-CvmRenewal -MaxTotalPrice 79.99 -Force @cloud -ErrorAction Stop | Out-Null
        }
        catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'SpendCapExceeded*'
        $caught.Exception.Message | Should -Match '80\.00.*79\.99'
        foreach ($id in $quoteIds) { Get-RenewalCount $id | Should -Be 0 }
    }

    It 'within the cap the same runbook renews every row, each result with its quoted Price' {
        $results = @(Import-Csv $quoteCsv | Invoke-CvmRenewal -MaxTotalPrice 80 -Currency CNY -Force @cloud)
        $results.Status | Should -Be @('Renewed', 'Renewed', 'Renewed', 'Renewed')
        ($results | Sort-Object InstanceId).Price | Should -Be (($results | Sort-Object InstanceId).Period | ForEach-Object { 10 * $_ })
        $results.Currency | Select-Object -Unique | Should -Be 'CNY'
        ($results | Format-List | Out-String) | Should -Match 'Price\s+:\s+30'
        foreach ($id in $quoteIds) { Get-RenewalCount $id | Should -Be 1 }
    }

    It '-WhatIf -IncludePrice prints each price and the total in the transcript, and renews nothing' {
        $ids = @(1..2 | ForEach-Object { New-CvmInstanceId })
        $transcript = Join-Path $TestDrive 'whatif-price.txt'
        Start-Transcript -Path $transcript | Out-Null
        try { $ids | Invoke-CvmRenewal -Region ap-guangzhou -Period 2 -WhatIf -IncludePrice @cloud }
        finally { Stop-Transcript | Out-Null }
        $text = Get-Content -Raw $transcript
        $text | Should -Match ('What if: .*quoted 20\.00.*' + [regex]::Escape($ids[0]))
        $text | Should -Match 'What if: Total for 2 instance\(s\): 40\.00'
        foreach ($id in $ids) { Get-RenewalCount $id | Should -Be 0 }
    }
}

Describe 'Installed by name, as users install modules' -Tag 'CI' {
    BeforeAll {
        # A local PSResourceGet repository (a folder), published to and installed from under the pinned pwsh; the
        # repository is registered under a name of its own and unregistered afterwards. Save-PSResource is
        # Install-PSResource into a given folder: a clean module path that holds nothing else.
        $script:repositoryName = 'RenewalToolsTest-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $repository = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'repository')
        $script:installed = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'clean-module-path')
        Register-PSResourceRepository -Name $repositoryName -Uri $repository.FullName -Trusted
        Publish-PSResource -Path (Split-Path -Parent $manifest) -Repository $repositoryName
        Save-PSResource -Name RenewalTools -Repository $repositoryName -Path $installed.FullName -TrustRepository
    }

    AfterAll {
        Unregister-PSResourceRepository -Name $repositoryName -ErrorAction SilentlyContinue
    }

    It 'the published package installs, imports by name from the clean path, and runs discover-then-renew' {
        $version = (Import-PowerShellDataFile $manifest).ModuleVersion
        Test-Path (Join-Path $installed "RenewalTools/$version/RenewalTools.psd1") | Should -BeTrue
        $ids = @(1..2 | ForEach-Object { New-CvmInstanceId })
        Get-CvmInstance -Region ap-chengdu -InstanceId $ids -Credential $tc -Endpoint $endpoint | Out-Null
        $run = Invoke-UserProcess -ModuleFolder $installed.FullName -ArgumentList @($endpoint, ($ids -join ',')) -Script @'
param([string] $Endpoint, [string] $Ids)
$ErrorActionPreference = 'Stop'
$module = Import-Module RenewalTools -PassThru
"ModuleBase=$($module.ModuleBase)"
Get-CvmInstance -Region ap-chengdu -InstanceId ($Ids -split ',') -Endpoint $Endpoint |
    Invoke-CvmRenewal -Period 1 -Force -Endpoint $Endpoint | ForEach-Object { "$($_.InstanceId)=$($_.Status)" }
'@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match ([regex]::Escape("ModuleBase=$(Join-Path $installed.FullName 'RenewalTools')"))
        foreach ($id in $ids) {
            $run.Output | Should -Match ([regex]::Escape("$id=Renewed"))
            Get-RenewalCount $id | Should -Be 1
        }
    }
}

Describe 'A blob journal with a SAS, as a runbook uses it' -Tag 'CI' {
    BeforeAll {
        # A real Blob service: Azurite 3.35.0 (the last release for Node 20) from .tools/azurite, which .ci/run installs.
        $main = Join-Path $root '.tools/azurite/node_modules/azurite/dist/src/blob/main.js'
        if (-not (Test-Path $main)) {
            & npm install --prefix (Join-Path $root '.tools/azurite') azurite@3.35.0 --no-audit --no-fund | Out-Null
        }
        $log = Join-Path $TestDrive 'azurite.log'
        $script:azurite = Start-Process -FilePath node -PassThru -RedirectStandardOutput $log -RedirectStandardError (Join-Path $TestDrive 'azurite.err') -ArgumentList @(
            "`"$main`"", '--blobHost', '127.0.0.1', '--blobPort', '0', '--inMemoryPersistence', '--silent', '--skipApiVersionCheck', '--disableTelemetry')
        $deadline = (Get-Date).AddSeconds(60)
        $port = $null
        while (-not $port -and (Get-Date) -lt $deadline) {
            Start-Sleep -Milliseconds 200
            if ((Get-Content -Raw $log -ErrorAction SilentlyContinue) -match 'listens on http://127\.0\.0\.1:(\d+)') { $port = $Matches[1] }
        }
        if (-not $port) { throw "Azurite did not start: $(Get-Content -Raw (Join-Path $TestDrive 'azurite.err'))" }

        # An account SAS (version 2019-12-12 string to sign) with Azurite's public development key.
        $key = [Convert]::FromBase64String('Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==')
        $expiry = (Get-Date).ToUniversalTime().AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")
        $toSign = (@('devstoreaccount1', 'racwdl', 'b', 'sco', '', $expiry, '', '', '2019-12-12') -join "`n") + "`n"
        $hmac = [Security.Cryptography.HMACSHA256]::new($key)
        $script:signature = [Convert]::ToBase64String($hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes($toSign)))
        $sas = "sv=2019-12-12&ss=b&srt=sco&sp=racwdl&se=$([uri]::EscapeDataString($expiry))&sig=$([uri]::EscapeDataString($signature))"
        $container = "http://127.0.0.1:$port/devstoreaccount1/runbook"
        Invoke-WebRequest -Method Put -Uri "$container`?restype=container&$sas" -Headers @{ 'x-ms-version' = '2021-12-02' } | Out-Null
        $script:journal = "$container/cvm-journal.jsonl?$sas"
        $script:journalText = { (Invoke-WebRequest -Uri $journal -Headers @{ 'x-ms-version' = '2021-12-02' }).Content }
    }

    AfterAll {
        if ($script:azurite) { Stop-Process -Id $azurite.Id -Force -ErrorAction SilentlyContinue }
    }

    It 'renews once, skips on the rerun, and the SAS is in no stream, $Error, transcript or journal' {
        $ids = @(1..3 | ForEach-Object { New-CvmInstanceId })
        $transcript = Join-Path $TestDrive 'blob-transcript.txt'
        $Error.Clear()
        Start-Transcript -Path $transcript | Out-Null
        try {
            $first = $ids | Invoke-CvmRenewal @renewCvm -JournalPath $journal -Verbose -Debug 4>&1 5>&1 | Out-String
            $rerun = @($ids | Invoke-CvmRenewal @renewCvm -JournalPath $journal)
            $summary = Get-RenewalJournal $journal -Verbose 4>&1 | Out-String
            $first; $summary
            $broken = try { $ids | Invoke-CvmRenewal @renewCvm -JournalPath ($journal -replace 'sig=[^&]+', 'sig=Zm9yZ2Vk') 2>&1 | Out-String } catch { $_ | Format-List * -Force | Out-String }
            $broken
        }
        finally { Stop-Transcript | Out-Null }

        $rerun.Status | Should -Be @('Skipped', 'Skipped', 'Skipped')
        foreach ($id in $ids) { Get-RenewalCount $id | Should -Be 1 }
        $first | Should -Match 'credentials from the SAS token in the URL'
        $first | Should -Match 'sig=REDACTED'
        $broken | Should -Match 'SharedStorageUnavailable|HTTP 403'
        $everything = @($first, $summary, $broken, ($Error | Out-String), (Get-Content -Raw $transcript), (& $journalText)) -join "`n"
        foreach ($secret in $signature, [uri]::EscapeDataString($signature), 'Zm9yZ2Vk') {
            $everything.Contains($secret) | Should -BeFalse -Because "the SAS signature $secret must never be shown"
        }
    }
}
