namespace VideoPipeline.Emulator.Tasks;

internal enum ProviderKind
{
    FoxApi,
    OpenAi,
    Apixo,
}
