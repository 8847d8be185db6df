using OpenCode.Local.InProcess;

namespace OpenCode.Tests.Local.InProcess;

public sealed class DecodeThreadsTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 1, 1)]
    [InlineData(4, 1, 3)]
    [InlineData(8, 2, 4)]
    [InlineData(16, 2, 8)]
    [InlineData(2, 2, 1)]
    [InlineData(3, 0, 2)]
    public void For_LogicalCpusAndThreadsPerCore_OnePerPhysicalCoreLeavingOneCpu(int logicalCpus, int threadsPerCore, int expected) =>
        DecodeThreads.For(logicalCpus, threadsPerCore).ShouldBe(expected);

    [Theory]
    [InlineData("0", 1)]
    [InlineData("0,8", 2)]
    [InlineData("0-1\n", 2)]
    [InlineData("0-3,8-11", 8)]
    [InlineData("", 1)]
    public void CountCpus_LinuxCpuList_CountsEachCpu(string list, int expected) => DecodeThreads.CountCpus(list).ShouldBe(expected);
}
