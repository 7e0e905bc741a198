using System.Diagnostics.CodeAnalysis;
using VideoPipeline.Core.Providers;

namespace VideoPipeline.Core.Jobs;

/// <summary>
/// The providers and models the pipeline knows. Facts come from the providers' documents; typical times from public
/// measurements (5 s clips took 83–253 s, median ≈ 105 s; APIXO quotes ~3 min).
/// </summary>
public sealed class ModelCatalogue
{
    private static readonly string[] FoxApiPreviewSizes =
        ["auto", "1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"];

    private static readonly string[] LandscapeAndPortrait = ["16:9", "9:16"];

    private static readonly string[] OpenAiSizes = ["720x1280", "1280x720"];

    private static readonly string[] ProSizes = ["720x1280", "1280x720", "1024x1792", "1792x1024"];

    private static readonly string[] Resolutions720And1080 = ["720p", "1080p"];

    private static readonly ProviderOptionRule[] FoxApiSoraOptions =
    [
        new("character_ids", ProviderOptionKind.StringArray, MaxItems: 2),
        new("delete_video", ProviderOptionKind.Boolean),
    ];

    public static ModelCatalogue Default { get; } = new(
    [
        new ProviderDefinition { Provider = ProviderName.FoxApi },
        new ProviderDefinition { Provider = ProviderName.OpenAi },

        // APIXO documents 60 requests per minute and 10 concurrent tasks per account, answering 429 beyond either.
        new ProviderDefinition { Provider = ProviderName.Apixo, DocumentedLimits = new ProviderLimits(60, 10) },
    ],
    [
        new ModelDefinition
        {
            Provider = ProviderName.FoxApi,
            Model = "sora-2-preview",
            DisplayName = "Sora 2 preview (FoxAPI)",
            DurationRange = (1, 20),
            AspectRatios = FoxApiPreviewSizes,
            MaxPromptLength = 2000,
            Inputs = InputKinds.Text | InputKinds.FirstFrameImage,
            Callback = CallbackKind.PerTaskUrl,
            TypicalGenerationTime = TimeSpan.FromSeconds(105),
            ProviderOptions = [new("model_params", ProviderOptionKind.Object)],
        },
        new ModelDefinition
        {
            Provider = ProviderName.FoxApi,
            Model = "sora-2",
            DisplayName = "Sora 2 (FoxAPI)",
            Durations = [4, 8, 12, 16, 20],
            DefaultDuration = 4,
            AspectRatios = LandscapeAndPortrait,
            Resolutions = Resolutions720And1080,
            MaxPromptLength = 5000,
            Inputs = InputKinds.Text | InputKinds.FirstFrameImage,
            Callback = CallbackKind.PerTaskUrl,
            TypicalGenerationTime = TimeSpan.FromSeconds(105),
            ProviderOptions = FoxApiSoraOptions,
        },
        new ModelDefinition
        {
            Provider = ProviderName.FoxApi,
            Model = "sora-2-pro",
            DisplayName = "Sora 2 Pro (FoxAPI, with audio)",
            Durations = [4, 8, 12, 16, 20],
            DefaultDuration = 4,
            AspectRatios = LandscapeAndPortrait,
            Resolutions = Resolutions720And1080,
            MaxPromptLength = 5000,
            Inputs = InputKinds.Text | InputKinds.FirstFrameImage,
            Callback = CallbackKind.PerTaskUrl,
            TypicalGenerationTime = TimeSpan.FromSeconds(150),
            ProviderOptions = FoxApiSoraOptions,
        },
        new ModelDefinition
        {
            Provider = ProviderName.FoxApi,
            Model = "veo-3.1-extend",
            DisplayName = "Veo 3.1 extend (FoxAPI, +7 s)",
            AspectRatios = LandscapeAndPortrait,
            MaxPromptLength = 5000,
            Inputs = InputKinds.Text | InputKinds.SourceVideo,
            RequiresSourceVideo = true,
            SupportsGenerateAudio = true,
            Callback = CallbackKind.PerTaskUrl,
            TypicalGenerationTime = TimeSpan.FromSeconds(120),
            ProviderOptions = [new("advanced", ProviderOptionKind.Object)],
        },
        new ModelDefinition
        {
            Provider = ProviderName.FoxApi,
            Model = "veo-3.1-extend-fast",
            DisplayName = "Veo 3.1 extend fast (FoxAPI, +7 s)",
            AspectRatios = LandscapeAndPortrait,
            MaxPromptLength = 5000,
            Inputs = InputKinds.Text | InputKinds.SourceVideo,
            RequiresSourceVideo = true,
            SupportsGenerateAudio = true,
            Callback = CallbackKind.PerTaskUrl,
            TypicalGenerationTime = TimeSpan.FromSeconds(60),
            ProviderOptions = [new("advanced", ProviderOptionKind.Object)],
        },
        new ModelDefinition
        {
            Provider = ProviderName.OpenAi,
            Model = "sora-2",
            DisplayName = "Sora 2 (OpenAI Videos)",
            Durations = [4, 8, 12],
            DefaultDuration = 4,
            Sizes = OpenAiSizes,
            MaxPromptLength = 5000,
            Inputs = InputKinds.Text | InputKinds.FirstFrameImage,
            Callback = CallbackKind.ProjectWebhook,
            SupportsDelete = true,
            TypicalGenerationTime = TimeSpan.FromSeconds(105),
        },
        new ModelDefinition
        {
            Provider = ProviderName.OpenAi,
            Model = "sora-2-pro",
            DisplayName = "Sora 2 Pro (OpenAI Videos)",
            Durations = [4, 8, 12],
            DefaultDuration = 4,
            Sizes = ProSizes,
            MaxPromptLength = 5000,
            Inputs = InputKinds.Text | InputKinds.FirstFrameImage,
            Callback = CallbackKind.ProjectWebhook,
            SupportsDelete = true,
            TypicalGenerationTime = TimeSpan.FromSeconds(150),
        },
        new ModelDefinition
        {
            Provider = ProviderName.Apixo,
            Model = "sora-2-pro",
            DisplayName = "Sora 2 Pro (APIXO)",
            Durations = [4, 8, 12],
            DefaultDuration = 4,
            Sizes = ProSizes,
            Resolutions = Resolutions720And1080,
            SizeForTextResolutionForImage = true,
            MaxPromptLength = 5000,
            Inputs = InputKinds.Text | InputKinds.FirstFrameImage,
            Callback = CallbackKind.PerTaskUrl,
            TypicalGenerationTime = TimeSpan.FromSeconds(180),
            ProviderOptions = [new("provider", ProviderOptionKind.String, AllowedValues: ["official"])],
        },
    ]);

    private readonly Dictionary<(ProviderName, string), ModelDefinition> _models;
    private readonly Dictionary<ProviderName, ProviderDefinition> _providers;

    /// <param name="providers">Every provider once; one missing is taken to document no limits.</param>
    public ModelCatalogue(IEnumerable<ProviderDefinition> providers, IEnumerable<ModelDefinition> models)
    {
        _providers = providers.ToDictionary(p => p.Provider);
        All = [.. models];
        _models = All.ToDictionary(m => (m.Provider, m.Model));
    }

    public IReadOnlyList<ModelDefinition> All { get; }

    public ProviderDefinition Provider(ProviderName provider) =>
        _providers.GetValueOrDefault(provider) ?? new ProviderDefinition { Provider = provider };

    public bool TryGet(ProviderName provider, string model, [NotNullWhen(true)] out ModelDefinition? definition) =>
        _models.TryGetValue((provider, model), out definition);

    public ModelDefinition Get(ProviderName provider, string model) =>
        TryGet(provider, model, out var definition)
            ? definition
            : throw new KeyNotFoundException($"Model '{model}' is not in the catalogue for provider '{provider}'.");

    public IEnumerable<ModelDefinition> ForProvider(ProviderName provider) => All.Where(m => m.Provider == provider);
}
