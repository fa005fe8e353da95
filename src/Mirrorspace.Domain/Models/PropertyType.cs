using System.Diagnostics.CodeAnalysis;

namespace Mirrorspace.Domain.Models;

[SuppressMessage("Naming", "CA1720", Justification = "The members are the type words of the model document.")]
public enum PropertyType
{
    Number,
    Integer,
    Boolean,
    String,
    Enum,
    Object,
}
