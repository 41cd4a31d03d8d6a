using BenchmarkDotNet.Running;
using Parley.Benchmarks;

// Runs the benchmarks the arguments select, with BenchmarkDotNet's own options (--filter, --list, --job, ...) and the
// quick job unless the arguments name another; see bench/README.md.
BenchmarkSwitcher.FromAssembly(typeof(QuickConfig).Assembly).Run(args, QuickConfig.For(args));
