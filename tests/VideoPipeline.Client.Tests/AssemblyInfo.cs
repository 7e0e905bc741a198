// One local stack (Azurite, emulator, host process) serves every test; one test at a time keeps a 2-core machine calm.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
