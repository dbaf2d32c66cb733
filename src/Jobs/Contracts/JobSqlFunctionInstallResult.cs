namespace Jobs;

/// <summary>What <c>JobSqlFunctionInstaller.InstallAsync</c> did.</summary>
/// <param name="Functions">Each function installed, with its schema and signature: <c>app_jobs.add_send_email(text,text,...)</c> (as <c>regprocedure</c> prints it).</param>
/// <param name="Replaced">How many functions of an earlier install (same task, perhaps another signature) were dropped first.</param>
public sealed record JobSqlFunctionInstallResult(IReadOnlyList<string> Functions, int Replaced);
