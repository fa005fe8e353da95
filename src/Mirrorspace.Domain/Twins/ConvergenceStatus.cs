namespace Mirrorspace.Domain.Twins;

public enum ConvergenceStatus
{
    Converged,
    Pending,
    Diverged,
}
