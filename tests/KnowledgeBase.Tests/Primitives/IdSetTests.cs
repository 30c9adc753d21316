using KnowledgeBase.Primitives;

namespace KnowledgeBase.Tests.Primitives;

/// <summary>The bit set the claim facet index counts with, against a plain <see cref="HashSet{T}"/> of the same ids.</summary>
public sealed class IdSetTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1_000)]
    public void Operations_agree_with_a_hash_set(int capacity)
    {
        var random = new Random(capacity + 7);
        HashSet<int> Pick() => [.. Enumerable.Range(0, capacity).Where(_ => random.Next(3) == 0)];
        var (a, b) = (Pick(), Pick());
        var (setA, setB) = (IdSet.Of(a, capacity), IdSet.Of(b, capacity));

        setA.Count().Should().Be(a.Count);
        setA.CountIntersection(setB).Should().Be(a.Intersect(b).Count());
        setA.CountExcept(setB).Should().Be(a.Except(b).Count());
        Enumerable.Range(-1, capacity + 2).Where(setA.Contains).Should().Equal(a.Order());

        var union = setA.Copy();
        union.UnionWith(setB);
        union.Count().Should().Be(a.Union(b).Count());
        var intersection = setA.Copy();
        intersection.IntersectWith(setB);
        Enumerable.Range(0, capacity).Where(intersection.Contains).Should().Equal(a.Intersect(b).Order());
        var except = setA.Copy();
        except.ExceptWith(setB);
        Enumerable.Range(0, capacity).Where(except.Contains).Should().Equal(a.Except(b).Order());
        setA.Count().Should().Be(a.Count, "a copy is changed, never the set it was copied from");
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 200)]
    [InlineData(3, 64)]
    [InlineData(63, 65)]
    [InlineData(64, 128)]
    [InlineData(70, 71)]
    [InlineData(5, 190)]
    public void Ranges_are_added_and_counted_up_to_their_end(int from, int to)
    {
        var set = new IdSet(200);
        set.AddRange(from, to);

        set.Count().Should().Be(to - from);
        Enumerable.Range(0, 200).Where(set.Contains).Should().Equal(Enumerable.Range(from, to - from));
        var every = new IdSet(200);
        every.AddRange(0, 200);
        every.CountRange(from, to).Should().Be(to - from);
        every.CountRange(from, 500).Should().Be(200 - from, "a range past the capacity counts up to it");
    }

    [Fact]
    public void Ids_outside_the_capacity_are_refused_when_added_and_left_out_when_read_from_a_list()
    {
        var set = IdSet.Of([-1, 0, 9, 10, 11], 10);

        set.Count().Should().Be(2);
        set.Contains(10).Should().BeFalse();
        FluentActions.Invoking(() => set.Add(10)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => set.IntersectWith(new IdSet(11))).Should().Throw<ArgumentException>("sets of different capacities are never combined");
    }
}
