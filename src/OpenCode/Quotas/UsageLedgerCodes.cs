namespace OpenCode.Quotas;

/// <summary>Error codes the usage ledger records besides <see cref="OpenCodeErrorCodes"/>.</summary>
internal static class UsageLedgerCodes
{
    /// <summary>A generation the caller cancelled or stopped reading before its end.</summary>
    public const string Cancelled = "CANCELLED";
}
