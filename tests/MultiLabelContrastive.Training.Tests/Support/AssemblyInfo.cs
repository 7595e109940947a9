// Training draws dropout masks from torch's process-wide generator: tests that check bit-identical runs must not
// share it with tests running at the same time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
