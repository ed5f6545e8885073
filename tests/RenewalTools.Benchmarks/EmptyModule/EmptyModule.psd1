@{
    # Same shape as the RenewalTools manifest (binary root module, explicit exports) minus the format file.
    RootModule           = 'EmptyModule.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '0b7f4a55-92c1-4f4e-9a5c-1f0e8e5b7d11'
    Author               = 'RenewalTools contributors'
    Description          = 'Cold-import baseline for the RenewalTools benchmarks.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    CmdletsToExport      = @('Get-EmptyModule')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
}
