using System.Text;
using System.Text.RegularExpressions;

namespace ClinicBooking.IntegrationTests.Kit;

/// <summary>
/// A small reader of Razor views that finds words a person would read that do not go through the localizer
/// (issue 15: every user-facing string is a resource lookup, English being the key). It follows Razor's own split
/// between markup and C#, well enough for this app's views:
/// <list type="bullet">
/// <item>markup text between tags and expressions;</item>
/// <item>the attributes people read or hear (aria-label, title, placeholder, alt, data-label, label, the value of a
/// submit button);</item>
/// <item>C# string literals in code blocks, expressions and a partial's <c>model</c>, which end up on the page.</item>
/// </list>
/// Anything inside <c>L["…"]</c> or <c>L.GetString("…")</c> (the key; their other arguments are still read), Razor
/// comments, scripts and styles is skipped; a key built with <c>$"…"</c> is reported, since a key is fixed English.
/// A C# literal is not text when it is a pattern or comparison operand (<c>"x" =&gt;</c>, <c>== "x"</c>), an
/// indexer key (<c>ViewData["Title"]</c>), a form field's name (<c>new AdminField("Name", …)</c>), or when every
/// word of it is a CSS class, an identifier, a URL, an email address, a date format or one of <see cref="NotText"/>.
/// Known blind spot: a lowercase word that is also in <see cref="NotText"/> (say "day") is never reported.
/// </summary>
public sealed partial class RazorText
{
    /// <summary>
    /// Bare words the staff views use as values, never as text: input types, input modes and autocomplete tokens,
    /// aria values, a CSS class and the schedule's route values.
    /// </summary>
    public static readonly IReadOnlySet<string> NotText = new HashSet<string>(StringComparer.Ordinal)
    {
        "email", "tel", "name", "numeric", "decimal", "off", "page", "true", "changed", "day", "week",
    };

    private static readonly HashSet<string> TextAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "aria-label", "title", "placeholder", "alt", "aria-description", "aria-roledescription", "aria-valuetext", "data-label", "label",
    };

    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    };

    private static readonly HashSet<string> Directives = new(StringComparer.Ordinal)
    {
        "model", "inject", "addTagHelper", "removeTagHelper", "tagHelperPrefix", "inherits", "implements", "layout", "page",
        "namespace", "attribute", "preservewhitespace", "typeparam", "rendermode",
    };

    private static readonly HashSet<string> Statements = new(StringComparer.Ordinal)
    {
        "if", "foreach", "for", "while", "switch", "lock", "try", "do",
    };

    public sealed record Finding(int Line, string Where, string Text)
    {
        public override string ToString() => $"line {Line}, {Where}: {Text}";
    }

    private readonly string _s;
    private readonly List<Finding> _found = [];
    private readonly StringBuilder _text = new();
    private int _textStart;
    private int _i;

    private RazorText(string source) => _s = source;

    /// <summary>Every piece of English in <paramref name="razor"/> that does not go through the localizer.</summary>
    public static IReadOnlyList<Finding> Unlocalized(string razor)
    {
        var reader = new RazorText(razor.Replace("\r\n", "\n", StringComparison.Ordinal));
        reader.Markup(singleElement: false);
        return reader._found;
    }

    // ---- Markup ----

    /// <summary>Markup to the end (a view) or to the end of one element (markup inside a code block).</summary>
    private void Markup(bool singleElement)
    {
        var open = new Stack<string>();
        var started = false;
        while (_i < _s.Length)
        {
            if (singleElement && started && open.Count == 0)
            {
                break;
            }

            var c = _s[_i];
            if (At("@*"))
            {
                Flush();
                SkipPast("*@");
            }
            else if (At("@@"))
            {
                AddText("@");
                _i += 2;
            }
            else if (c == '@' && _text.Length > 0 && char.IsLetterOrDigit(_text[^1]) && _i + 1 < _s.Length && char.IsLetterOrDigit(_s[_i + 1]))
            {
                AddText("@"); // an email address such as name@example.com (after markup text, not after an expression)
                _i++;
            }
            else if (c == '@')
            {
                Flush();
                _i++;
                Transition();
            }
            else if (At("<!--"))
            {
                Flush();
                SkipPast("-->");
            }
            else if (At("</"))
            {
                Flush();
                var end = _s.IndexOf('>', _i);
                var name = _s[(_i + 2)..end].Trim();
                _i = end + 1;
                if (open.Count > 0 && open.Peek().Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    open.Pop();
                }
            }
            else if (c == '<' && _i + 1 < _s.Length && char.IsLetter(_s[_i + 1]))
            {
                Flush();
                started = true;
                var (name, closed) = Tag();
                if (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase))
                {
                    if (!closed)
                    {
                        SkipPast("</" + name);
                        SkipPast(">");
                    }
                }
                else if (!closed && !VoidElements.Contains(name))
                {
                    open.Push(name);
                }
            }
            else
            {
                AddText(c.ToString());
                _i++;
            }
        }

        Flush();
    }

    /// <summary>After an '@' in markup: a directive, a statement, a code block, or an expression.</summary>
    private void Transition()
    {
        if (_i >= _s.Length)
        {
            return;
        }

        if (_s[_i] == '{')
        {
            Code('{', '}');
            return;
        }

        if (_s[_i] == '(')
        {
            Code('(', ')');
            return;
        }

        var word = Identifier();
        if (word.Length == 0)
        {
            AddText("@");
            return;
        }

        if (Directives.Contains(word) || (word == "using" && PeekNonSpace() != '('))
        {
            SkipPast("\n");
        }
        else if (word == "section")
        {
            SkipSpaces();
            Identifier(); // its braces hold markup; a brace is not a word
        }
        else if (word is "functions" or "code")
        {
            SkipSpaces();
            Code('{', '}');
        }
        else if (Statements.Contains(word) || word == "using")
        {
            Statement(word);
        }
        else if (word == "await")
        {
            SkipSpaces();
            Identifier();
            ImplicitRest();
        }
        else if (word == "L" && (At("[") || At(".GetString(")))
        {
            Localized();
        }
        else
        {
            ImplicitRest();
        }
    }

    /// <summary>The rest of an implicit expression: members, calls and indexers (<c>@Model.Items[0].Name(…)</c>).</summary>
    private void ImplicitRest()
    {
        while (_i < _s.Length)
        {
            if ((At(".") || At("?.") || At("!.")) && _i + 2 < _s.Length && char.IsLetter(_s[_i + (At(".") ? 1 : 2)]))
            {
                _i += At(".") ? 1 : 2;
                Identifier();
            }
            else if (At("("))
            {
                Code('(', ')');
            }
            else if (At("[") || At("?[") || At("!["))
            {
                if (!At("["))
                {
                    _i++;
                }

                Code('[', ']');
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>A tag with its attributes; reads the attributes people read and the C# inside attribute values.</summary>
    private (string Name, bool SelfClosed) Tag()
    {
        _i++; // <
        var name = Name();
        var attributes = new List<(string Name, string Literal, int At)>();
        while (_i < _s.Length)
        {
            SkipSpaces();
            if (At("/>"))
            {
                _i += 2;
                Check(name, attributes);
                return (name, true);
            }

            if (At(">"))
            {
                _i++;
                Check(name, attributes);
                return (name, false);
            }

            if (At("@"))
            {
                // A Razor expression in the attribute list (rare): read it as C#.
                _i++;
                Transition();
                continue;
            }

            var attribute = Name();
            if (attribute.Length == 0)
            {
                _i++;
                continue;
            }

            SkipSpaces();
            if (!At("="))
            {
                attributes.Add((attribute, "", _i));
                continue;
            }

            _i++;
            SkipSpaces();
            var quote = _s[_i] is '"' or '\'' ? _s[_i] : '\0';
            if (quote != '\0')
            {
                _i++;
            }

            var start = _i;
            if (name.Equals("partial", StringComparison.OrdinalIgnoreCase) && attribute == "model")
            {
                // A tag helper's object attribute is a C# expression.
                CodeUntil(quote == '\0' ? ' ' : quote);
                attributes.Add((attribute, "", start));
            }
            else
            {
                attributes.Add((attribute, AttributeValue(quote), start));
            }

            if (quote != '\0' && _i < _s.Length && _s[_i] == quote)
            {
                _i++;
            }
        }

        return (name, false);
    }

    /// <summary>An attribute value's literal text (Razor expressions in it are read as C#).</summary>
    private string AttributeValue(char quote)
    {
        var literal = new StringBuilder();
        while (_i < _s.Length)
        {
            var c = _s[_i];
            if (quote == '\0' ? char.IsWhiteSpace(c) || c == '>' || At("/>") : c == quote)
            {
                break;
            }

            if (At("@@"))
            {
                literal.Append('@');
                _i += 2;
            }
            else if (c == '@' && !(literal.Length > 0 && char.IsLetterOrDigit(literal[^1]) && _i + 1 < _s.Length && char.IsLetterOrDigit(_s[_i + 1])))
            {
                _i++;
                Transition();
                literal.Append(' ');
            }
            else
            {
                literal.Append(c);
                _i++;
            }
        }

        return literal.ToString();
    }

    private void Check(string tag, List<(string Name, string Literal, int At)> attributes)
    {
        var submit = tag.Equals("input", StringComparison.OrdinalIgnoreCase)
                     && attributes.Any(a => a.Name == "type" && a.Literal.Trim() is "submit" or "button" or "reset");
        foreach (var (name, literal, at) in attributes)
        {
            if ((TextAttributes.Contains(name) || (submit && name == "value")) && IsText(literal))
            {
                Report(at, $"<{tag} {name}>", literal);
            }
        }
    }

    // ---- Code ----

    /// <summary>C# from an opening bracket to its match, markup blocks and @: lines inside braces included.</summary>
    private void Code(char open, char close)
    {
        _i++; // the opening bracket
        CodeBody(close, markupAllowed: open == '{');
    }

    /// <summary>C# up to and past <paramref name="close"/> (the opening bracket already read).</summary>
    private void CodeBody(char close, bool markupAllowed)
    {
        var lastSignificant = '{';
        while (_i < _s.Length)
        {
            var c = _s[_i];
            if (c == close)
            {
                _i++;
                return;
            }

            if (char.IsWhiteSpace(c))
            {
                _i++;
                continue;
            }

            if (At("//"))
            {
                SkipPast("\n");
                continue;
            }

            if (At("/*"))
            {
                SkipPast("*/");
                continue;
            }

            if (At("@*"))
            {
                SkipPast("*@");
                continue;
            }

            if (markupAllowed && At("@:"))
            {
                _i += 2;
                var end = _s.IndexOf('\n', _i);
                end = end < 0 ? _s.Length : end;
                var line = new RazorText(_s[_i..end]);
                line.Markup(singleElement: false);
                _found.AddRange(line._found.Select(f => f with { Line = f.Line + LineOf(_i) - 1 }));
                _i = end;
                lastSignificant = ';';
                continue;
            }

            if (markupAllowed && c == '<' && lastSignificant is '{' or '}' or ';' && _i + 1 < _s.Length && char.IsLetter(_s[_i + 1]))
            {
                Markup(singleElement: true);
                lastSignificant = '}';
                continue;
            }

            if (c is '"' or '$' or '@' && StringLiteral())
            {
                lastSignificant = '"';
                continue;
            }

            if (c == '\'')
            {
                SkipCharLiteral();
                lastSignificant = '\'';
                continue;
            }

            if (c is '(' or '[' or '{')
            {
                Code(c, c == '(' ? ')' : c == '[' ? ']' : '}');
                lastSignificant = c == '{' ? '}' : ')';
                continue;
            }

            if (char.IsLetter(c) || c == '_')
            {
                var word = Identifier();
                if (word == "L" && (At("[") || At(".GetString(")))
                {
                    Localized();
                }

                lastSignificant = 'a';
                continue;
            }

            lastSignificant = c;
            _i++;
        }
    }

    /// <summary>C# in a quoted attribute value (a partial's model), up to the closing quote outside any string.</summary>
    private void CodeUntil(char end)
    {
        while (_i < _s.Length && _s[_i] != end)
        {
            var c = _s[_i];
            if (c is '"' or '$' or '@' && StringLiteral())
            {
                continue;
            }

            if (c is '(' or '[' or '{')
            {
                Code(c, c == '(' ? ')' : c == '[' ? ']' : '}');
                continue;
            }

            if (char.IsLetter(c) || c == '_')
            {
                if (Identifier() == "L" && (At("[") || At(".GetString(")))
                {
                    Localized();
                }

                continue;
            }

            _i++;
        }
    }

    /// <summary><c>L["key", args…]</c> or <c>L.GetString("key", args…)</c>: the key is the resource; the arguments are C#.</summary>
    private void Localized()
    {
        if (At(".GetString("))
        {
            _i += ".GetString".Length;
        }

        var close = _s[_i] == '[' ? ']' : ')';
        _i++;
        SkipSpaces();
        if (_s[_i] is '"' or '@')
        {
            SkipString();
        }

        // The remaining arguments (read as C#), then the closing bracket.
        CodeBody(close, markupAllowed: false);
    }

    /// <summary>if/foreach/…: the condition, the block, and else/else if/catch/finally blocks after it.</summary>
    private void Statement(string keyword)
    {
        while (true)
        {
            SkipSpaces();
            if (At("("))
            {
                Code('(', ')');
                SkipSpaces();
            }

            if (At("{"))
            {
                Code('{', '}');
            }

            var back = _i;
            SkipSpaces();
            var next = PeekWord();
            if (next is "else" or "catch" or "finally" || (keyword == "do" && next == "while"))
            {
                _i += next.Length;
                SkipSpaces();
                if (next == "else" && PeekWord() == "if")
                {
                    _i += 2;
                }

                continue;
            }

            _i = back;
            return;
        }
    }

    // ---- C# string literals ----

    /// <summary>Reads a string literal at the cursor and reports it when it is text; false when there is none.</summary>
    private bool StringLiteral()
    {
        var start = _i;
        var interpolated = false;
        var verbatim = false;
        while (_i < _s.Length && _s[_i] is '$' or '@')
        {
            interpolated |= _s[_i] == '$';
            verbatim |= _s[_i] == '@';
            _i++;
        }

        if (_i >= _s.Length || _s[_i] != '"')
        {
            _i = start;
            if (_s[_i] is '$' or '@')
            {
                _i++;
            }

            return _i > start;
        }

        _i++;
        var content = new StringBuilder();
        var holes = 0;
        while (_i < _s.Length)
        {
            var c = _s[_i];
            if (c == '"' && verbatim && At("\"\""))
            {
                content.Append('"');
                _i += 2;
            }
            else if (c == '"')
            {
                _i++;
                break;
            }
            else if (c == '\\' && !verbatim)
            {
                content.Append(_s[_i + 1]);
                _i += 2;
            }
            else if (interpolated && At("{{"))
            {
                content.Append('{');
                _i += 2;
            }
            else if (interpolated && c == '{')
            {
                content.Append('{').Append(holes++).Append('}');
                Code('{', '}');
            }
            else
            {
                content.Append(c);
                _i++;
            }
        }

        var literal = content.ToString();
        if (IsText(literal) && !NotTextByContext(start, _i))
        {
            Report(start, "C# string", literal);
        }

        return true;
    }

    private void SkipString()
    {
        var verbatim = _s[_i] == '@';
        if (verbatim)
        {
            _i++;
        }

        _i++;
        while (_i < _s.Length)
        {
            if (verbatim && At("\"\""))
            {
                _i += 2;
            }
            else if (!verbatim && _s[_i] == '\\')
            {
                _i += 2;
            }
            else if (_s[_i] == '"')
            {
                _i++;
                return;
            }
            else
            {
                _i++;
            }
        }
    }

    private void SkipCharLiteral()
    {
        _i++;
        if (_i < _s.Length && _s[_i] == '\\')
        {
            _i++;
        }

        _i++;
        if (_i < _s.Length && _s[_i] == '\'')
        {
            _i++;
        }
    }

    /// <summary>A pattern (<c>"x" =&gt;</c>), a comparison, an indexer key or a form field's name: a value, not text.</summary>
    private bool NotTextByContext(int start, int end)
    {
        var before = _s[..start].TrimEnd();
        var after = _s[end..].TrimStart();
        return after.StartsWith("=>", StringComparison.Ordinal)
               || after.StartsWith("==", StringComparison.Ordinal) || after.StartsWith("!=", StringComparison.Ordinal)
               || before.EndsWith("==", StringComparison.Ordinal) || before.EndsWith("!=", StringComparison.Ordinal)
               || (before.EndsWith('[') && after.StartsWith(']') && !LocalizerKey().IsMatch(before))
               || AdminFieldName().IsMatch(before);
    }

    // ---- What counts as text ----

    /// <summary>True when <paramref name="value"/> holds a word of three letters or more that is not a value.</summary>
    public static bool IsText(string value)
    {
        var words = Entity().Replace(value, " ").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Any(w => Letters().IsMatch(w) && !IsValueToken(w));
    }

    private static bool IsValueToken(string token) =>
        token.Contains('_', StringComparison.Ordinal)
        || CssClass().IsMatch(token)
        || CamelCase().IsMatch(token)
        || DateFormat().IsMatch(token)
        || token.StartsWith('/') || token.StartsWith("~/", StringComparison.Ordinal) || token.StartsWith('#') || token.StartsWith('?')
        || token.StartsWith("mailto:", StringComparison.Ordinal) || token.StartsWith("tel:", StringComparison.Ordinal)
        || token.StartsWith("http", StringComparison.Ordinal)
        || EmailAddress().IsMatch(token)
        || NotText.Contains(token);

    [GeneratedRegex("&(#x?[0-9a-fA-F]+|[a-zA-Z]+);")]
    private static partial Regex Entity();

    [GeneratedRegex("[A-Za-z]{3,}")]
    private static partial Regex Letters();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[a-z]+$")]
    private static partial Regex EmailAddress();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)+$")]
    private static partial Regex CssClass();

    [GeneratedRegex("^[A-Z][a-z0-9]*([A-Z][a-z0-9]*)+$")]
    private static partial Regex CamelCase();

    [GeneratedRegex("^[yMdHhmsfTtzu:./-]+$")]
    private static partial Regex DateFormat();

    [GeneratedRegex(@"\bL\[$")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex(@"new\s+AdminField\s*\($")]
    private static partial Regex AdminFieldName();

    // ---- Reading ----

    private void AddText(string text)
    {
        if (_text.Length == 0)
        {
            _textStart = _i;
        }

        _text.Append(text);
    }

    private void Flush()
    {
        if (_text.Length > 0 && IsText(_text.ToString()))
        {
            Report(_textStart + (_text.Length - _text.ToString().TrimStart().Length), "text", _text.ToString());
        }

        _text.Clear();
    }

    private void Report(int at, string where, string text) =>
        _found.Add(new Finding(LineOf(at), where, Regex.Replace(text.Trim(), @"\s+", " ")));

    private int LineOf(int at) => _s.AsSpan(0, Math.Min(at, _s.Length)).Count('\n') + 1;

    private bool At(string text) => string.CompareOrdinal(_s, _i, text, 0, text.Length) == 0;

    private void SkipPast(string text)
    {
        var at = _s.IndexOf(text, _i, StringComparison.Ordinal);
        _i = at < 0 ? _s.Length : at + text.Length;
    }

    private void SkipSpaces()
    {
        while (_i < _s.Length && char.IsWhiteSpace(_s[_i]))
        {
            _i++;
        }
    }

    private char PeekNonSpace()
    {
        var j = _i;
        while (j < _s.Length && char.IsWhiteSpace(_s[j]))
        {
            j++;
        }

        return j < _s.Length ? _s[j] : '\0';
    }

    private string PeekWord()
    {
        var j = _i;
        while (j < _s.Length && (char.IsLetterOrDigit(_s[j]) || _s[j] == '_'))
        {
            j++;
        }

        return _s[_i..j];
    }

    private string Identifier()
    {
        var word = PeekWord();
        _i += word.Length;
        return word;
    }

    /// <summary>A tag or attribute name: letters, digits, '-', ':', '.' and '_'.</summary>
    private string Name()
    {
        var j = _i;
        while (j < _s.Length && (char.IsLetterOrDigit(_s[j]) || _s[j] is '-' or ':' or '.' or '_'))
        {
            j++;
        }

        var name = _s[_i..j];
        _i = j;
        return name;
    }
}
