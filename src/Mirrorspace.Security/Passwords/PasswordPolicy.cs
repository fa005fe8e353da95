using System.Collections.Frozen;

namespace Mirrorspace.Security.Passwords;

/// <summary>
/// What a new password must be (NIST SP 800-63B: length over composition rules): 12 to 256
/// characters, not the username nor containing it, and not one of the most common passwords.
/// <see cref="Check"/> reports every broken rule at once, so a person fixes them in one go.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 256;

    /// <summary>The most common passwords of public breach lists, compared without regard to case.</summary>
    private static readonly FrozenSet<string> Common = new[]
    {
        "123456", "password", "12345678", "qwerty", "123456789", "12345", "1234", "111111", "1234567", "dragon",
        "123123", "baseball", "abc123", "football", "monkey", "letmein", "696969", "shadow", "master", "666666",
        "qwertyuiop", "123321", "mustang", "1234567890", "michael", "654321", "superman", "1qaz2wsx", "7777777",
        "121212", "000000", "qazwsx", "123qwe", "killer", "trustno1", "jordan", "jennifer", "zxcvbnm", "asdfgh",
        "hunter", "buster", "soccer", "harley", "batman", "andrew", "tigger", "sunshine", "iloveyou", "2000",
        "charlie", "robert", "thomas", "hockey", "ranger", "daniel", "starwars", "klaster", "112233", "george",
        "computer", "michelle", "jessica", "pepper", "1111", "zxcvbn", "555555", "11111111", "131313", "freedom",
        "777777", "pass", "maggie", "159753", "aaaaaa", "ginger", "princess", "joshua", "cheese", "amanda",
        "summer", "love", "ashley", "nicole", "chelsea", "biteme", "matthew", "access", "yankees", "987654321",
        "dallas", "austin", "thunder", "taylor", "matrix", "welcome", "admin", "passw0rd", "password1", "qwerty123",
        "1q2w3e4r", "1q2w3e4r5t", "1q2w3e4r5t6y", "zaq12wsx", "whatever", "hello", "login", "changeme", "secret",
        "administrator", "password123", "password1234", "password12345", "password123456", "passwordpassword",
        "qwerty12345", "qwerty123456", "qwertyuiop123", "1234qwer", "123456789012", "12345678910", "1234567890123",
        "iloveyou123", "welcome123", "welcome1234", "letmein123", "changeme123", "administrator1", "adminadmin",
        "admin123456", "qwertyqwerty", "asdfghjkl123", "1qaz2wsx3edc", "zaq1zaq1zaq1", "q1w2e3r4t5y6", "abcdefghijkl",
        "abc123456789", "111111111111", "000000000000", "123123123123", "aaaaaaaaaaaa", "correcthorsebatterystaple",
        "trustno1trustno1", "football1234", "baseball1234", "superman1234", "starwars1234", "sunshine1234",
        "princess1234", "iloveyou1234", "mirrorspace", "mirrorspace123", "mirrorspace1234",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every rule the password breaks, worded for the person choosing it; empty when it may be used.</summary>
    public static IReadOnlyList<string> Check(string password, string username)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(username);
        var problems = new List<string>();
        var length = password.EnumerateRunes().Count();
        if (length < MinLength)
        {
            problems.Add($"Must be at least {MinLength} characters long.");
        }

        if (length > MaxLength)
        {
            problems.Add($"Must be at most {MaxLength} characters long.");
        }

        if (username.Length > 0 && password.Contains(username, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(password.Equals(username, StringComparison.OrdinalIgnoreCase)
                ? "Must not be the username."
                : "Must not contain the username.");
        }

        if (Common.Contains(password))
        {
            problems.Add("Is one of the most common passwords; choose another.");
        }

        return problems;
    }
}
