// Each test class starts its own Azurite, emulator and host process; one stack at a time keeps a 2-core machine
// from timing out its own fault tests.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
