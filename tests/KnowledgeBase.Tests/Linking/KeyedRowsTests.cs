using KnowledgeBase.Linking;

namespace KnowledgeBase.Tests.Linking;

public sealed class KeyedRowsTests
{
    [Fact]
    public void Gives_each_keys_rows_once_in_order_and_nothing_for_an_unknown_key()
    {
        var builder = new KeyedRowsBuilder();
        builder.Add("w:müller", 9);
        builder.Add("w:smith", 4);
        builder.Add("w:müller", 2);
        builder.Add("w:müller", 9);
        builder.Add("n:NCT01234567", 0);
        builder.Add("w:" + new string('a', 400), 5);

        var keyed = builder.Build(keep: (key, count) => key != "w:smith");

        keyed.Rows("w:müller").ToArray().Should().Equal(2, 9);
        keyed.FirstRow("n:NCT01234567").Should().Be(0);
        keyed.Rows("w:" + new string('a', 400)).ToArray().Should().Equal(5);
        keyed.Rows("w:smith").IsEmpty.Should().BeTrue("the filter left it out");
        keyed.Rows("w:mull").IsEmpty.Should().BeTrue();
        keyed.FirstRow("").Should().BeNull();
        keyed.Count.Should().Be(3);
    }
}
