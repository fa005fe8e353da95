using Mirrorspace.Domain.Integrity;

namespace Mirrorspace.Domain.Models;

/// <summary>A relation between properties the model declares, e.g. <c>power ≈ voltage * current</c>, and what to do when a reading breaks it.</summary>
public sealed record BehaviourRule(string Name, ConsistencyRule Rule, IntegrityAction Action = IntegrityAction.Flag);
