using System.Runtime.CompilerServices;

namespace Keepalived.Actors.Config.Hocon;

/// <summary>
/// Resolves substitutions once all layers are merged (spec "Substitutions"). Look-ups are lazy
/// and "look forward" (they see the final merged value); to break self-references such as
/// <c>path = ${path}":/x"</c> the field being resolved is hidden from look-ups, which then see
/// only the definitions below it (<see cref="HoconResolveContext"/>). Every node is resolved once
/// and the result reused (spec: memoize by substitution instance, so that order-dependent cases
/// such as <c>a : 1, b : 2, a : ${b}, b : ${a}</c> give both fields the same value); re-entering
/// a node that is being resolved is a cycle.
/// </summary>
internal sealed class HoconResolver
{
    private readonly HoconObject _root;
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<HoconValue, HoconValue?> _resolved = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<HoconValue, HoconValue?> _shallow = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(HoconValue Stack, int Count), HoconValue> _truncated = [];
    private readonly HashSet<HoconValue> _inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly List<HoconValue> _chain = [];
    private long _steps;

    private HoconResolver(HoconObject root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    /// <exception cref="HoconParseException">Undefined required substitution, cycle, or a limit exceeded.</exception>
    public static HoconObject Resolve(HoconObject root, Func<string, string?> environment) =>
        root.HasUnresolved
            ? (HoconObject)new HoconResolver(root, environment).Full(root, HoconPath.Empty, HoconResolveContext.Empty)!
            : root;

    /// <summary>Fully resolves <paramref name="value"/> found at <paramref name="path"/>; null if undefined.</summary>
    private HoconValue? Full(HoconValue value, HoconPath path, HoconResolveContext context) => value switch
    {
        _ when !value.HasUnresolved => value,
        HoconObject obj => Memoized(_resolved, obj, () => ResolveObject(obj, path, context)),
        HoconArray array => ResolveArray(array, path, context),
        HoconSubstitution substitution => Guarded(substitution, () => ResolveSubstitution(substitution, context)),
        HoconConcatenation concatenation => Guarded(concatenation, () => ResolveConcatenation(concatenation, path, context)),
        HoconMergeStack stack => Guarded(stack, () => Shallow(stack, path, context) is { } top ? Full(top, path, context) : null),
        _ => throw new InvalidOperationException($"unexpected node {value.GetType().Name}"),
    };

    /// <summary>
    /// Resolves the value of a field. A substitution or concatenation value is potentially
    /// self-referential, so the field is hidden while it is resolved.
    /// </summary>
    private HoconValue? Field(HoconValue value, HoconPath path, HoconResolveContext context) =>
        value is HoconSubstitution or HoconConcatenation
            ? Full(value, path, context.Without(path, value))
            : Full(value, path, context);

    /// <summary>
    /// Resolves just enough of a field to walk through it: a merge stack becomes an object whose
    /// children are still unresolved (spec: for <c>bar : { foo : 42, baz : ${bar.foo} }</c> only
    /// <c>bar.foo</c> may be resolved, not all of <c>bar</c>).
    /// </summary>
    private HoconValue? Shallow(HoconValue value, HoconPath path, HoconResolveContext context) => value switch
    {
        HoconMergeStack stack => Memoized(_shallow, stack, () => MergeLayers(stack, path, context)),
        HoconSubstitution or HoconConcatenation => Field(value, path, context),
        _ => value,
    };

    /// <summary>
    /// Merges the layers of a delayed merge from the top down. An undefined <c>${?x}</c> layer
    /// leaves the layers below in place; a non-object hides everything below it, so hidden
    /// substitutions are never evaluated.
    /// </summary>
    private HoconValue? MergeLayers(HoconMergeStack stack, HoconPath path, HoconResolveContext context)
    {
        HoconValue? top = null;
        for (var i = stack.Layers.Count - 1; i >= 0; i--)
        {
            var layer = Shallow(stack.Layers[i], path, context);
            if (layer is null)
            {
                continue;
            }

            if (top is null)
            {
                top = layer;
            }
            else if (layer is HoconObject lower)
            {
                top = HoconMerger.MergeObjects(lower, (HoconObject)top);
            }
            else
            {
                break;
            }

            if (top is not HoconObject)
            {
                break;
            }
        }

        return top;
    }

    private HoconObject ResolveObject(HoconObject obj, HoconPath path, HoconResolveContext context)
    {
        var fields = new OrderedDictionary<string, HoconValue>(obj.Count, StringComparer.Ordinal);
        foreach (var (key, child) in obj)
        {
            if (Field(child, path.Append(key), context) is { } value)
            {
                fields.Add(key, value);
            }
        }

        return Checked(new HoconObject(fields, obj.Origin));
    }

    /// <summary>Array elements are not self-referential: <c>a : [${a}]</c> is a cycle.</summary>
    private HoconArray ResolveArray(HoconArray array, HoconPath path, HoconResolveContext context)
    {
        var items = new List<HoconValue>(array.Count);
        foreach (var item in array)
        {
            if (Full(item, path, context) is { } value)
            {
                items.Add(value);
            }
        }

        return Checked(new HoconArray(items.ToArray(), array.Origin));
    }

    private HoconValue? ResolveConcatenation(HoconConcatenation concatenation, HoconPath path, HoconResolveContext context)
    {
        var pieces = concatenation.Pieces.Select(piece => Full(piece, path, context)).ToList();
        var result = HoconConcatenator.Concatenate(pieces, concatenation.Origin);
        return result is null ? null : Checked(result);
    }

    private HoconValue? ResolveSubstitution(HoconSubstitution substitution, HoconResolveContext context)
    {
        var selfReference = false;
        try
        {
            foreach (var candidate in substitution.Candidates)
            {
                if (Lookup(candidate, context, ref selfReference) is { } found)
                {
                    return found;
                }
            }
        }
        catch (HoconCycleException) when (substitution.Optional)
        {
            // Spec: a cycle counts as "undefined" for ${?x}.
            return null;
        }

        // Spec: a path missing from the configuration may come from the environment. A value set
        // to null in the configuration counts as present and blocks this.
        if (_environment(substitution.Path.ToRawString()) is { } variable)
        {
            return HoconLiteral.String(variable, substitution.Origin);
        }

        if (substitution.Optional)
        {
            return null;
        }

        var reason = selfReference
            ? "it refers to the field being defined and there is no earlier value of it (self-reference or cycle)"
            : "no such path in the configuration and no environment variable of that name";
        throw new HoconParseException($"could not resolve substitution {HoconLimits.Shorten(substitution.Text)}: {reason}", substitution.Origin);
    }

    /// <summary>Walks from the root along <paramref name="path"/>; null if not found (or undefined).</summary>
    private HoconValue? Lookup(HoconPath path, HoconResolveContext context, ref bool selfReference)
    {
        HoconValue node = _root;
        for (var i = 0; i < path.Count; i++)
        {
            if (node is not HoconObject obj || !obj.TryGetValue(path[i], out var child))
            {
                return null;
            }

            var at = path.Prefix(i + 1);
            var visible = HideRemoved(child, at, context, ref selfReference);
            if (visible is null)
            {
                return null;
            }

            if (i == path.Count - 1)
            {
                return Field(visible, at, context);
            }

            var next = Shallow(visible, at, context);
            if (next is null)
            {
                return null;
            }

            node = next;
        }

        return node;
    }

    /// <summary>What a look-up may see of a field: the definitions below any that are being resolved.</summary>
    private HoconValue? HideRemoved(HoconValue value, HoconPath path, HoconResolveContext context, ref bool selfReference)
    {
        var keep = int.MaxValue;
        foreach (var removed in context.RemovedAt(path))
        {
            if (ReferenceEquals(value, removed))
            {
                keep = 0;
            }
            else if (value is HoconMergeStack stack && stack.IndexOfLayer(removed) is var index and >= 0)
            {
                keep = Math.Min(keep, index);
            }
        }

        if (keep == int.MaxValue)
        {
            return value;
        }

        if (keep == 0)
        {
            selfReference = true;
            return null;
        }

        var layers = ((HoconMergeStack)value).Layers;
        if (!_truncated.TryGetValue((value, keep), out var below))
        {
            below = keep == 1 ? layers[0] : new HoconMergeStack(layers.Take(keep).ToArray(), layers[keep - 1].Origin);
            _truncated.Add((value, keep), below);
        }

        return below;
    }

    private static HoconValue? Memoized(Dictionary<HoconValue, HoconValue?> memo, HoconValue node, Func<HoconValue?> resolve)
    {
        if (memo.TryGetValue(node, out var cached))
        {
            return cached;
        }

        var result = resolve();
        memo[node] = result;
        return result;
    }

    /// <summary>Memoizes, detects cycles and enforces the depth, stack and work limits.</summary>
    private HoconValue? Guarded(HoconValue node, Func<HoconValue?> resolve)
    {
        if (_resolved.TryGetValue(node, out var cached))
        {
            return cached;
        }

        if (!_inProgress.Add(node))
        {
            throw Cycle(node);
        }

        _chain.Add(node);
        try
        {
            if (++_steps > HoconLimits.MaxResolveSteps)
            {
                throw new HoconParseException("resolving substitutions takes too many steps (is the configuration pathological?)", node.Origin);
            }

            if (_chain.Count > HoconLimits.MaxResolveDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            {
                throw new HoconParseException($"substitutions refer to each other more than {HoconLimits.MaxResolveDepth} levels deep", node.Origin);
            }

            var result = resolve();
            _resolved[node] = result;
            return result;
        }
        finally
        {
            _chain.RemoveAt(_chain.Count - 1);
            _inProgress.Remove(node);
        }
    }

    private HoconCycleException Cycle(HoconValue node)
    {
        var steps = _chain.Skip(_chain.IndexOf(node)).Append(node).OfType<HoconSubstitution>()
            .Select(s => $"{HoconLimits.Shorten(s.Text)} ({s.Origin})");
        return new HoconCycleException($"substitution cycle: {string.Join(" -> ", steps)}", node.Origin);
    }

    /// <summary>Keeps substitutions from building values that are too deep or too large.</summary>
    private T Checked<T>(T value)
        where T : HoconValue
    {
        if (value.Depth > HoconLimits.DefaultMaxDepth)
        {
            throw new HoconParseException($"substitutions build a value nested more than {HoconLimits.DefaultMaxDepth} levels deep", value.Origin);
        }

        return value.Size > HoconLimits.MaxResolvedSize
            ? throw new HoconParseException("substitutions build a configuration that is too large", value.Origin)
            : value;
    }
}
