using Mirrorspace.Server.Users;

namespace Mirrorspace.Server.Auth;

/// <summary>The session that authenticated this request, set by <see cref="SessionAuthenticationHandler"/>; absent for every other credential.</summary>
internal sealed record SessionFeature(ActiveSession Active);
