namespace VideoPipeline.Emulator.Tasks;

internal enum TaskPhase
{
    Pending,
    Processing,
    Completed,
    Failed,
}
