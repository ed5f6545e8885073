# The root manifest loads this before the built module (out/RenewalTools): without a build PowerShell would only say
# that a nested module was not found, which does not tell a new user what to do. Plain .NET calls only: hosts that
# load no Microsoft.PowerShell.Management (the hosted engine) import through this file too.
$builtManifest = [System.IO.Path]::Combine($PSScriptRoot, 'out', 'RenewalTools', 'RenewalTools.psd1')
if (-not [System.IO.File]::Exists($builtManifest)) {
    $message = "RenewalTools is not built yet: $builtManifest does not exist. Run dotnet build first (dotnet build RenewalTools.sln in $PSScriptRoot), then import again."
    throw [System.Management.Automation.ErrorRecord]::new([System.IO.FileNotFoundException]::new($message, $builtManifest), 'ModuleNotBuilt', [System.Management.Automation.ErrorCategory]::ObjectNotFound, $builtManifest)
}
