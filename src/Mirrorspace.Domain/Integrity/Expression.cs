using System.Globalization;

namespace Mirrorspace.Domain.Integrity;

/// <summary>
/// A small arithmetic expression over a twin's numeric properties, e.g. <c>2.2e-10 * speed^3</c>:
/// numbers, property names, + − * / ^, parentheses and abs, min, max, sqrt. It is parsed once into a
/// tree of closures, can name nothing but properties, and has no loops, calls into code, or I/O —
/// a model author cannot make the node do anything but arithmetic.
/// </summary>
public sealed class Expression
{
    public const int MaxLength = 256;
    private const int MaxDepth = 24;
    private readonly Func<Func<string, double?>, double?> _evaluate;

    private Expression(string text, Func<Func<string, double?>, double?> evaluate, IReadOnlySet<string> variables)
    {
        Text = text;
        _evaluate = evaluate;
        Variables = variables;
    }

    public string Text { get; }

    /// <summary>The property names the expression reads.</summary>
    public IReadOnlySet<string> Variables { get; }

    /// <summary>Parses, or returns null with the reason and the position it refers to.</summary>
    public static Expression? TryParse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            error = $"Longer than {MaxLength} characters.";
            return null;
        }

        var parser = new Parser(text);
        try
        {
            var root = parser.ParseWhole();
            error = null;
            return new Expression(text, root, parser.Variables);
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    /// <summary>The value, or null when a property it reads has no numeric value or the result is not finite.</summary>
    public double? Evaluate(Func<string, double?> variables)
    {
        var value = _evaluate(variables);
        return value is { } v && double.IsFinite(v) ? v : null;
    }

    private sealed class Parser(string text)
    {
        private int _position;
        private int _depth;

        public HashSet<string> Variables { get; } = new(StringComparer.Ordinal);

        public Func<Func<string, double?>, double?> ParseWhole()
        {
            var root = ParseSum();
            SkipSpaces();
            return _position == text.Length ? root : throw Error("Unexpected character");
        }

        private Func<Func<string, double?>, double?> ParseSum()
        {
            var left = ParseProduct();
            while (TryTake('+') || TryTake('-'))
            {
                var op = text[_position - 1];
                var (l, right) = (left, ParseProduct());
                left = op == '+' ? v => l(v) + right(v) : v => l(v) - right(v);
            }

            return left;
        }

        private Func<Func<string, double?>, double?> ParseProduct()
        {
            var left = ParseUnary();
            while (TryTake('*') || TryTake('/'))
            {
                var op = text[_position - 1];
                var (l, right) = (left, ParseUnary());
                left = op == '*' ? v => l(v) * right(v) : v => l(v) / right(v);
            }

            return left;
        }

        /// <summary>Binds tighter than a sign, as in mathematics: -2^2 is -4.</summary>
        private Func<Func<string, double?>, double?> ParsePower()
        {
            var baseValue = ParseAtom();
            if (!TryTake('^'))
            {
                return baseValue;
            }

            // Right-associative: 2^3^2 is 2^(3^2); the exponent may carry a sign, 2^-1.
            var exponent = Nested(ParseUnary);
            return v => baseValue(v) is { } b && exponent(v) is { } e ? Math.Pow(b, e) : null;
        }

        private Func<Func<string, double?>, double?> ParseUnary()
        {
            if (TryTake('-'))
            {
                var operand = Nested(ParseUnary);
                return v => -operand(v);
            }

            return ParsePower();
        }

        private Func<Func<string, double?>, double?> ParseAtom()
        {
            SkipSpaces();
            if (TryTake('('))
            {
                var inner = Nested(ParseSum);
                return TryTake(')') ? inner : throw Error("Missing ')'");
            }

            if (_position < text.Length && (char.IsAsciiDigit(text[_position]) || text[_position] == '.'))
            {
                return ParseNumber();
            }

            var name = ParseName();
            SkipSpaces();
            if (!TryTake('('))
            {
                Variables.Add(name);
                return v => v(name);
            }

            var arguments = new List<Func<Func<string, double?>, double?>> { Nested(ParseSum) };
            while (TryTake(','))
            {
                arguments.Add(Nested(ParseSum));
            }

            return TryTake(')') ? Function(name, arguments) : throw Error("Missing ')'");
        }

        private Func<Func<string, double?>, double?> Function(string name, List<Func<Func<string, double?>, double?>> args) => (name, args.Count) switch
        {
            ("abs", 1) => v => args[0](v) is { } x ? Math.Abs(x) : null,
            ("sqrt", 1) => v => args[0](v) is { } x ? Math.Sqrt(x) : null,
            ("min", 2) => v => args[0](v) is { } a && args[1](v) is { } b ? Math.Min(a, b) : null,
            ("max", 2) => v => args[0](v) is { } a && args[1](v) is { } b ? Math.Max(a, b) : null,
            _ => throw Error($"Unknown function '{name}' with {args.Count} argument(s); known: abs(x), sqrt(x), min(a,b), max(a,b)"),
        };

        private Func<Func<string, double?>, double?> ParseNumber()
        {
            var start = _position;
            while (_position < text.Length && (char.IsAsciiDigit(text[_position]) || text[_position] == '.'
                || ((text[_position] is 'e' or 'E') && _position > start)
                || ((text[_position] is '+' or '-') && text[_position - 1] is 'e' or 'E')))
            {
                _position++;
            }

            return double.TryParse(text.AsSpan(start, _position - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? _ => number
                : throw Error("Not a number", start);
        }

        private string ParseName()
        {
            var start = _position;
            while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] == '_'))
            {
                _position++;
            }

            return _position > start && char.IsAsciiLetter(text[start]) ? text[start.._position] : throw Error("Expected a number, a property name or '('", start);
        }

        private Func<Func<string, double?>, double?> Nested(Func<Func<Func<string, double?>, double?>> parse)
        {
            if (++_depth > MaxDepth)
            {
                throw Error($"Nested deeper than {MaxDepth}");
            }

            var result = parse();
            _depth--;
            return result;
        }

        private bool TryTake(char expected)
        {
            SkipSpaces();
            if (_position < text.Length && text[_position] == expected)
            {
                _position++;
                return true;
            }

            return false;
        }

        private void SkipSpaces()
        {
            while (_position < text.Length && text[_position] == ' ')
            {
                _position++;
            }
        }

        private FormatException Error(string message, int? at = null) => new($"{message} at position {(at ?? _position) + 1}.");
    }
}
