using System.Linq.Expressions;
using System.Reflection;

namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>A property of type <typeparamref name="TMember"/>, read and written through delegates compiled once.</summary>
internal sealed class ObjectMember<TOwner, TMember> : ObjectMember<TOwner>
{
    private readonly Func<TOwner, TMember> _getter;
    private readonly MemberSetter<TOwner, TMember>? _setter;

    public ObjectMember(PropertyInfo property, int key)
        : base(property.Name, key)
    {
        var instance = Expression.Parameter(typeof(TOwner), "instance");
        _getter = Expression.Lambda<Func<TOwner, TMember>>(Expression.Property(instance, property), instance).Compile();
        if (property.SetMethod is { IsPublic: true })
        {
            var owner = Expression.Parameter(typeof(TOwner).MakeByRefType(), "owner");
            var value = Expression.Parameter(typeof(TMember), "value");
            _setter = Expression.Lambda<MemberSetter<TOwner, TMember>>(
                Expression.Assign(Expression.Property(owner, property), value), owner, value).Compile();
        }
    }

    public override Type MemberType => typeof(TMember);

    public override bool HasSetter => _setter is not null;

    public override void Write(ref MessagePackWriter writer, TOwner owner) =>
        FormatterCache<TMember>.Formatter.Write(ref writer, _getter(owner));

    public override void ReadAndSet(ref MessagePackReader reader, ref TOwner owner) =>
        _setter!(ref owner, FormatterCache<TMember>.Formatter.Read(ref reader));

    public override object? ReadBoxed(ref MessagePackReader reader) => FormatterCache<TMember>.Formatter.Read(ref reader);

    public override void SetBoxed(ref TOwner owner, object? value) => _setter!(ref owner, (TMember)value!);
}
