using System.Collections;
using System.Linq.Expressions;
using System.Reflection;

namespace Parley.Codecs.MessagePack.Formatters;

/// <summary>
/// Works out, by reflection and once per type, how a class, record or struct is written and rebuilt: its public
/// readable properties (less [MessagePackIgnore]) as map keys, or as array positions with [MessagePackKey]; built
/// through the public constructor whose parameters all match properties (a record's primary constructor), the one
/// with the most parameters, or else through the parameterless constructor and public setters.
/// </summary>
internal static class ObjectLayoutBuilder
{
    /// <summary>Builds the layout of <typeparamref name="T"/>, or returns null with the reason it cannot be carried.</summary>
    public static ObjectLayout<T>? Build<T>(out string? reason)
    {
        var type = typeof(T);
        reason = WhyNotAnObject(type);
        if (reason is not null)
        {
            return null;
        }

        var members = new List<ObjectMember<T>>();
        var ignored = new List<PropertyInfo>();
        var keyed = 0;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0 ||
                members.Exists(m => m.Name == property.Name) || ignored.Exists(p => p.Name == property.Name))
            {
                continue;
            }

            if (property.IsDefined(typeof(MessagePackIgnoreAttribute), inherit: true))
            {
                ignored.Add(property);
                continue;
            }

            if (property.PropertyType.IsByRefLike || property.PropertyType.IsPointer)
            {
                reason = $"{TypeNames.Display(type)}.{property.Name} is a {TypeNames.Display(property.PropertyType)}, which cannot be serialized";
                return null;
            }

            var key = property.GetCustomAttribute<MessagePackKeyAttribute>(inherit: true)?.Index ?? -1;
            keyed += key >= 0 ? 1 : 0;
            var memberType = typeof(ObjectMember<,>).MakeGenericType(type, property.PropertyType);
            members.Add((ObjectMember<T>)Activator.CreateInstance(memberType, property, key)!);
        }

        var byKey = keyed == 0 ? [] : ArrangeByKey(type, members, out reason);
        return reason is null ? Construction(type, members, ignored, byKey, keyed > 0, out reason) : null;
    }

    private static string? WhyNotAnObject(Type type)
    {
        if (type.IsAbstract || type.IsInterface)
        {
            return "it is abstract or an interface, so it cannot be created when reading";
        }

        if (typeof(Delegate).IsAssignableFrom(type))
        {
            return "it is a delegate";
        }

        if (typeof(IEnumerable).IsAssignableFrom(type))
        {
            return "it is a collection other than an array, List<T>, Dictionary<TKey, TValue> or their interfaces";
        }

        if (type.Namespace is { } ns && (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) ||
            ns == "Microsoft" || ns.StartsWith("Microsoft.", StringComparison.Ordinal)))
        {
            return "it is a framework type with no MessagePack mapping";
        }

        return null;
    }

    private static ObjectMember<T>?[] ArrangeByKey<T>(Type type, List<ObjectMember<T>> members, out string? reason)
    {
        reason = null;
        if (members.Find(m => m.Key < 0) is { } unkeyed)
        {
            reason = $"{TypeNames.Display(type)}.{unkeyed.Name} has no [MessagePackKey] while other properties of the type have one";
            return [];
        }

        var byKey = new ObjectMember<T>?[members.Max(m => m.Key) + 1];
        foreach (var member in members)
        {
            if (byKey[member.Key] is { } other)
            {
                reason = $"{TypeNames.Display(type)}.{member.Name} and .{other.Name} have the same [MessagePackKey({member.Key})]";
                return [];
            }

            byKey[member.Key] = member;
        }

        return byKey;
    }

    private static ObjectLayout<T>? Construction<T>(
        Type type, List<ObjectMember<T>> members, List<PropertyInfo> ignored, ObjectMember<T>?[] byKey, bool isArrayForm, out string? reason)
    {
        reason = null;
        var constructor = FindConstructor(type, members, ignored);
        if (constructor is null || constructor.GetParameters().Length == 0)
        {
            if (constructor is null && !type.IsValueType)
            {
                reason = "it has neither a public parameterless constructor nor a public constructor " +
                    "whose parameters all match its properties by name and type";
                return null;
            }

            return new ObjectLayout<T>
            {
                Members = [.. members],
                IsArrayForm = isArrayForm,
                ByKey = byKey,
                Create = Expression.Lambda<Func<T>>(Expression.New(type)).Compile(),
                SlotDefaults = [],
                SetAfterConstruction = [],
            };
        }

        var parameters = constructor.GetParameters();
        var slotDefaults = new List<object?>();
        foreach (var parameter in parameters)
        {
            if (members.Find(m => Matches(parameter, m.Name, m.MemberType)) is { } member)
            {
                member.Slot = slotDefaults.Count;
            }

            slotDefaults.Add(DefaultOf(parameter));
        }

        var afterwards = new List<ObjectMember<T>>();
        foreach (var member in members)
        {
            if (member.Slot < 0 && member.HasSetter)
            {
                member.Slot = slotDefaults.Count;
                member.SetAfterConstruction = true;
                slotDefaults.Add(ObjectLayout<T>.Unset);
                afterwards.Add(member);
            }
        }

        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var construct = Expression.Lambda<Func<object?[], T>>(
            Expression.New(constructor, parameters.Select((p, i) =>
                Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), p.ParameterType))),
            arguments).Compile();
        return new ObjectLayout<T>
        {
            Members = [.. members],
            IsArrayForm = isArrayForm,
            ByKey = byKey,
            Construct = construct,
            SlotDefaults = [.. slotDefaults],
            SetAfterConstruction = [.. afterwards],
        };
    }

    /// <summary>The public constructor with the most parameters that all match properties, or a parameterless one.</summary>
    private static ConstructorInfo? FindConstructor<T>(Type type, List<ObjectMember<T>> members, List<PropertyInfo> ignored)
    {
        ConstructorInfo? best = null;
        foreach (var constructor in type.GetConstructors(BindingFlags.Public | BindingFlags.Instance))
        {
            var parameters = constructor.GetParameters();
            var allMatch = Array.TrueForAll(parameters, p =>
                members.Exists(m => Matches(p, m.Name, m.MemberType)) ||
                ignored.Exists(i => Matches(p, i.Name, i.PropertyType)));
            if (allMatch && (best is null || parameters.Length > best.GetParameters().Length))
            {
                best = constructor;
            }
        }

        return best;
    }

    private static bool Matches(ParameterInfo parameter, string name, Type type) =>
        parameter.ParameterType == type && string.Equals(parameter.Name, name, StringComparison.OrdinalIgnoreCase);

    private static object? DefaultOf(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (parameter.HasDefaultValue && parameter.DefaultValue is { } value)
        {
            return type.IsEnum && value.GetType() != type ? Enum.ToObject(type, value) : value;
        }

        return type.IsValueType ? Activator.CreateInstance(type) : null;
    }
}
