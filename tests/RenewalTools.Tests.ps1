#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    The module as users meet it, for machines with pwsh and Pester 5: import, exports, help, Import-Csv piping
    against the local cloud emulator, -WhatIf, non-terminating errors. CI proves the same behaviour through the
    hosted engine (tests/RenewalTools.Tests); this suite runs it in a real PowerShell.

    Run after a build (dotnet build RenewalTools.sln), from a fresh process:
        pwsh -NoProfile -Command "Invoke-Pester -Path ./tests/RenewalTools.Tests.ps1 -Output Detailed"
    (./build.ps1 -Task Test does both.)

    One emulator serves the whole file, so the state carries over between tests in the order written here:
    the -WhatIf test runs before anything is renewed, and each example CSV is renewed once.
#>

BeforeAll {
    $script:root = Split-Path -Parent $PSScriptRoot
    $script:manifest = Join-Path $root 'out/RenewalTools/RenewalTools.psd1'
    if (-not (Test-Path $manifest)) { throw "Build first: $manifest does not exist (dotnet build RenewalTools.sln)." }
    $script:examples = Join-Path $root 'examples'
    $scenarioPath = Join-Path $root 'tests/CloudEmulator/scenarios/demo.json'

    $script:port = Get-Random -Minimum 20000 -Maximum 45000
    $script:endpoint = "http://127.0.0.1:$port"
    $script:emulator = Start-Process -FilePath 'dotnet' -PassThru `
        -ArgumentList @('run', '--project', "`"$(Join-Path $root 'tests/CloudEmulator')`"", '--', '--port', $port, '--scenario', "`"$scenarioPath`"") `
        -RedirectStandardOutput (Join-Path $TestDrive 'emulator.out.log') -RedirectStandardError (Join-Path $TestDrive 'emulator.err.log')
    $deadline = (Get-Date).AddSeconds(180)
    while ($true) {
        try { Invoke-RestMethod -Uri "$endpoint/_emulator/state" | Out-Null; break }
        catch {
            if ($emulator.HasExited -or (Get-Date) -gt $deadline) {
                throw "The emulator did not start on ${endpoint}: $(Get-Content -Raw (Join-Path $TestDrive 'emulator.err.log'))"
            }
            Start-Sleep -Milliseconds 500
        }
    }

    $accounts = (Get-Content -Raw -Path $scenarioPath | ConvertFrom-Json).accounts
    function New-DemoCredential([string] $Provider) {
        $account = $accounts | Where-Object provider -eq $Provider
        [pscredential]::new($account.id, (ConvertTo-SecureString $account.secret -AsPlainText -Force))
    }
    $script:tc = New-DemoCredential 'tencent'
    $script:ali = New-DemoCredential 'alibaba'

    function script:Get-EmulatorRequests { @(Invoke-RestMethod -Uri "$endpoint/_emulator/requests") }
    function script:Get-RenewalCount([string] $Id) {
        ((Invoke-RestMethod -Uri "$endpoint/_emulator/state").instances | Where-Object id -eq $Id).renewalCount
    }

    Import-Module $manifest -Force -ErrorAction Stop
}

AfterAll {
    Remove-Module RenewalTools -ErrorAction SilentlyContinue
    if ($script:emulator -and -not $script:emulator.HasExited) {
        # dotnet run starts the emulator as a child process: end the whole tree where the runtime can.
        try { $script:emulator.Kill($true) } catch { Stop-Process -Id $script:emulator.Id -Force -ErrorAction SilentlyContinue }
    }
}

Describe 'RenewalTools module' -Tag 'CI' {
    It 'imports from the laid-out folder and exports the renewal cmdlets' {
        $names = (Get-Command -Module RenewalTools -CommandType Cmdlet).Name
        $names | Should -Contain 'Invoke-CvmRenewal'
        $names | Should -Contain 'Invoke-MongoDbRenewal'
        $names | Should -Contain 'Invoke-EcsRenewal'
        (Get-Module RenewalTools).ExportedFunctions.Count | Should -Be 0
    }

    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $manifest -ErrorAction Stop } | Should -Not -Throw
    }

    It '<Name> has help: synopsis, every parameter described, at least three examples' -ForEach @(
        @{ Name = 'Invoke-CvmRenewal' }, @{ Name = 'Invoke-MongoDbRenewal' }, @{ Name = 'Invoke-EcsRenewal' }
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
        $script = "Import-Module '$manifest'; 'ins-demo0001' | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Endpoint '$endpoint' -Credential ([pscredential]::new('$($tc.UserName)', (ConvertTo-SecureString '$($tc.GetNetworkCredential().Password)' -AsPlainText -Force)))"
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
        $output = & (Get-Process -Id $PID).Path -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1 | Out-String
        $output | Should -Match 'ConfirmationRequired|confirmation is required'
        (Get-EmulatorRequests).Count | Should -Be $before
    }

    It 'Invoke-CvmRenewal: one result per row, the postpaid instance fails without stopping the others' {
        $results = Import-Csv (Join-Path $examples 'cvm-instances.csv') |
            Invoke-CvmRenewal -Credential $tc -Endpoint $endpoint -Force -ErrorAction SilentlyContinue -ErrorVariable renewalErrors
        @($results).Count | Should -Be 4
        $results | ForEach-Object { $_.GetType().FullName | Should -Be 'RenewalTools.RenewalResult' }
        @($results | Where-Object Status -eq 'Submitted').InstanceId | Sort-Object | Should -Be @('ins-demo0001', 'ins-demo0002', 'ins-demo0004')
        $failed = $results | Where-Object InstanceId -eq 'ins-demo0003'
        $failed.Status | Should -Be 'Failed'
        $failed.ErrorCode | Should -Be 'UnsupportedOperation.InstanceChargeType'
        @($renewalErrors).Count | Should -Be 1
        $renewalErrors[0].FullyQualifiedErrorId | Should -BeLike 'UnsupportedOperation.InstanceChargeType,*'
        $renewalErrors[0].Exception.Result.InstanceId | Should -Be 'ins-demo0003'
        Get-RenewalCount 'ins-demo0001' | Should -Be 1
        Get-RenewalCount 'ins-demo0003' | Should -Be 0
    }

    It 'Invoke-MongoDbRenewal renews every row of its CSV once' {
        $results = Import-Csv (Join-Path $examples 'mongodb-instances.csv') | Invoke-MongoDbRenewal -Credential $tc -Endpoint $endpoint -Force
        @($results).Count | Should -Be 2
        $results.Status | Should -Be @('Submitted', 'Submitted')
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
        ($results | Where-Object InstanceId -eq 'i-bp67acfmxazb4phdemo2').ErrorCode | Should -Be 'ChargeTypeViolation'
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
