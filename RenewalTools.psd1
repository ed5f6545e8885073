@{
    # In the repo this manifest loads the built module (out/RenewalTools) as a nested module, so `Import-Module
    # ./RenewalTools.psd1` works from the repo root after `dotnet build` and finds help and formats beside the DLL.
    # RequireBuild.psm1 comes first: before any build it stops the import with "run dotnet build first".
    # The build writes the packaged manifest from it, with RootModule and FormatsToProcess in place of NestedModules.
    NestedModules        = @('RequireBuild.psm1', 'out/RenewalTools/RenewalTools.psd1')
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0c6f8e-3f0b-4b0e-9f55-5b9d3c0a7e21'
    Author               = 'RenewalTools contributors'
    CompanyName          = 'RenewalTools'
    Copyright            = '(c) RenewalTools contributors. MIT License.'
    Description          = 'Renews prepaid (monthly/annual) cloud instances safely from the pipeline: Tencent Cloud CVM and MongoDB, Alibaba Cloud ECS. Signed exactly as the clouds require, batched, paced under rate limits, never retried where a retry could charge twice, with one result per instance. Supports Windows PowerShell 5.1 and PowerShell 7.4+.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    CmdletsToExport      = @('Invoke-CvmRenewal', 'Invoke-MongoDbRenewal', 'Invoke-EcsRenewal', 'Get-CvmInstance', 'Get-MongoDbInstance', 'Get-EcsInstance', 'Get-RenewalJournal', 'Get-CvmRenewalQuote', 'Get-MongoDbRenewalQuote', 'Get-EcsRenewalQuote', 'Set-CvmAutoRenew', 'Set-MongoDbAutoRenew', 'Set-EcsAutoRenew')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('TencentCloud', 'AlibabaCloud', 'Aliyun', 'CVM', 'MongoDB', 'ECS', 'Renewal', 'AutoRenew', 'Billing', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ReleaseNotes = 'Invoke-CvmRenewal, Invoke-MongoDbRenewal, Invoke-EcsRenewal; Get-*Instance and Get-*RenewalQuote; Set-CvmAutoRenew, Set-MongoDbAutoRenew, Set-EcsAutoRenew set the auto-renew policy (AutoRenew, Manual, NoRenewal) without renewing.'
        }
    }
}
