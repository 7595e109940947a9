using System.CommandLine;
using System.Globalization;
using MultiLabelContrastive.Notebooks.Parameters;
using MultiLabelContrastive.Notebooks.Running;
using MultiLabelContrastive.Sweeps;

namespace MultiLabelContrastive.Runner.Sweeps;

/// <summary>
/// <c>sweep plan | run | submit | status | collect</c>: a results table (or any notebook) as a sweep of runs, one per
/// parameter set, on a Slurm cluster, here, or on Kubernetes, resumable through a results store. See environment.md.
/// </summary>
internal static class SweepCommand
{
    /// <summary>Exit code of a command given bad input.</summary>
    private const int BadInput = 2;

    public static Command Create(Func<string[]> runnerCommand)
    {
        var sweep = new Command("sweep", "Runs a notebook (a results table) over a grid of parameters as many independent tasks: plan a manifest, submit it (Slurm job array, local processes, Kubernetes Indexed Job), follow it, collect the results.");
        sweep.Subcommands.Add(Plan());
        sweep.Subcommands.Add(Run());
        sweep.Subcommands.Add(Submit(runnerCommand));
        sweep.Subcommands.Add(Status());
        sweep.Subcommands.Add(Collect());
        return sweep;
    }

    private static Argument<string> ManifestArgument() => new("manifest") { Description = "The sweep's manifest (JSON lines, from `sweep plan`)" };

    private static Option<string?> StoreOption() => new("--store", "-s")
    {
        Description = "The results store folder, on storage every task can write (default: 'results' beside the manifest)",
    };

    private static SweepStore OpenStore(ParseResult parse, Option<string?> store, SweepManifest manifest) =>
        new(parse.GetValue(store) is { Length: > 0 } s ? s : manifest.DefaultStore);

    private static Command Plan()
    {
        var notebook = new Argument<string?>("notebook") { Description = "The notebook every task runs (or give --table)", Arity = ArgumentArity.ZeroOrOne };
        var table = new Option<string?>("--table") { Description = "A results table instead of a notebook, e.g. 'journal-table-III' or 'conference-table-2': the notebook *-<table>.ipynb in --notebooks" };
        var folder = new Option<string>("--notebooks") { Description = "Where --table looks for notebooks", DefaultValueFactory = _ => "notebooks" };
        var grid = new Option<string[]>("--grid", "-g") { Description = "An axis of the grid: Name=v1,v2,… (a..b for integer ranges; repeatable, the first varies slowest)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        var parameters = new Option<string[]>("--param", "-p") { Description = "A parameter fixed for every task: Name=Value (repeatable)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        var quick = new Option<bool>("--quick") { Description = "Fix Quick=true in every task (small, fast runs)" };
        var output = new Option<string>("--out", "-o") { Description = "The manifest to write", DefaultValueFactory = _ => "sweep/manifest.jsonl" };
        var command = new Command("plan", "Writes a manifest: one line per combination of the grid's values, each with a content-hashed id, in a deterministic order (planning twice gives the same bytes).")
        {
            notebook, table, folder, grid, parameters, quick, output,
        };
        command.SetAction(parse =>
        {
            try
            {
                var path = ResolveNotebook(parse.GetValue(notebook), parse.GetValue(table), parse.GetValue(folder)!);
                var axes = (parse.GetValue(grid) ?? []).Select(SweepAxis.Parse).ToList();
                var fixedParameters = ParameterAssignments.WithQuick(ParameterAssignments.Parse(parse.GetValue(parameters) ?? []), parse.GetValue(quick));
                var manifest = SweepManifest.Plan(path, axes, fixedParameters, parse.GetValue(output)!);
                manifest.Save();
                Console.WriteLine($"{manifest.Entries.Count} task(s) of {Path.GetFileName(path)} → {manifest.Path}");
                foreach (var entry in manifest.Entries.Take(5)) Console.WriteLine($"  {entry.Index,4}  {entry.Id}  {entry.Describe()}");
                if (manifest.Entries.Count > 5) Console.WriteLine($"  … {manifest.Entries.Count - 5} more");
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException or IOException)
            {
                return Fail(e);
            }
        });
        return command;
    }

    private static Command Run()
    {
        var manifestArgument = ManifestArgument();
        var store = StoreOption();
        var task = new Option<int?>("--task", "-t") { Description = "The task index (manifest line, from 0); default: $SLURM_ARRAY_TASK_ID or $JOB_COMPLETION_INDEX" };
        var inProcess = new Option<bool>("--in-process") { Description = "Run the notebook in this process (default: a child process, so that a native crash still leaves a failure record)" };
        var cellTimeout = new Option<double?>("--cell-timeout") { Description = "Time limit of each cell in seconds (default: none)" };
        var command = new Command("run", "Runs one task: manifest line i through the executor, its record written atomically into the results store; an id already done is skipped.")
        {
            manifestArgument, store, task, inProcess, cellTimeout,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            SweepManifest manifest;
            int index;
            TimeSpan? timeout;
            try
            {
                manifest = SweepManifest.Load(parse.GetValue(manifestArgument)!);
                index = parse.GetValue(task) ?? TaskFromEnvironment();
                manifest.Entry(index);
                timeout = parse.GetValue(cellTimeout) is { } seconds
                    ? seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw new ArgumentException($"--cell-timeout must be positive, got {seconds}.")
                    : null;
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException)
            {
                return Fail(e);
            }

            var sweepStore = OpenStore(parse, store, manifest);
            var isolated = !parse.GetValue(inProcess);
            var outcome = await SweepTask.RunAsync(manifest, index, sweepStore,
                options => isolated ? new IsolatedNotebookExecutor(RunnerProcess.Command(), options with { CellTimeout = timeout }) : new NotebookExecutor(options with { CellTimeout = timeout }),
                Console.Out, cancellationToken);
            return outcome == SweepTaskOutcome.Failed ? 1 : 0;
        });
        return command;
    }

    private static Command Submit(Func<string[]> runnerCommand)
    {
        var manifestArgument = ManifestArgument();
        var store = StoreOption();
        var backend = new Option<string>("--backend", "-b") { Description = "slurm (sbatch job array), local (K processes here) or kubernetes (Indexed Job)", DefaultValueFactory = _ => "slurm" };
        backend.AcceptOnlyFromAmong("slurm", "local", "kubernetes");
        var parallel = new Option<int>("--max-parallel", "-j") { Description = "K: the most tasks running at once (Slurm's %K, local processes, Kubernetes parallelism; 0 = no limit on Slurm)", DefaultValueFactory = _ => 1 };
        var dryRun = new Option<bool>("--dry-run") { Description = "Write the sbatch script or the Kubernetes manifest into the store and print it; submit nothing" };
        var wait = new Option<bool>("--wait") { Description = "Slurm: wait until the job array has left the queue, then print the status" };
        var gpus = new Option<int>("--gpus") { Description = "GPUs per task (--gres=gpu:N; nvidia.com/gpu); 0 for none", DefaultValueFactory = _ => 1 };
        var cpus = new Option<int?>("--cpus-per-task") { Description = "Slurm --cpus-per-task (also the task's libtorch threads)" };
        var memory = new Option<string?>("--mem") { Description = "Slurm --mem, e.g. 32G" };
        var time = new Option<string?>("--time") { Description = "Slurm --time per task, e.g. 04:00:00" };
        var partition = new Option<string?>("--partition") { Description = "Slurm --partition" };
        var account = new Option<string?>("--account") { Description = "Slurm --account" };
        var sbatchOptions = new Option<string[]>("--sbatch-option") { Description = "Another sbatch option, e.g. --sbatch-option=--qos=long (repeatable)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        var jobName = new Option<string?>("--name") { Description = "Job name (default: sweep-<manifest file name>)" };
        var image = new Option<string?>("--image") { Description = "Kubernetes: the container image (with the .NET runtime)" };
        var claim = new Option<string?>("--claim") { Description = "Kubernetes: the PersistentVolumeClaim holding runner, manifest, data and store" };
        var mountPath = new Option<string?>("--mount-path") { Description = "Kubernetes: where the claim is mounted (default: the current folder); the manifest and store must lie under it" };
        var runner = new Option<string?>("--runner") { Description = "The command that starts this runner on the nodes, e.g. 'dotnet /shared/runner/MultiLabelContrastive.Runner.dll' (default: this runner, by its absolute path)" };
        var inProcess = new Option<bool>("--in-process") { Description = "Tasks run their notebook in their own process (no worker child)" };
        var cellTimeout = new Option<double?>("--cell-timeout") { Description = "Time limit of each cell in seconds" };
        var command = new Command("submit", "Submits the tasks not done yet: a Slurm job array (sbatch), K local processes, or a Kubernetes Indexed Job manifest.")
        {
            manifestArgument, store, backend, parallel, dryRun, wait, gpus, cpus, memory, time, partition, account, sbatchOptions, jobName,
            image, claim, mountPath, runner, inProcess, cellTimeout,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var manifest = SweepManifest.Load(parse.GetValue(manifestArgument)!);
                var sweepStore = OpenStore(parse, store, manifest);
                Directory.CreateDirectory(sweepStore.LogsFolder);
                var taskCommand = (parse.GetValue(runner) is { Length: > 0 } r ? r.Split(' ', StringSplitOptions.RemoveEmptyEntries) : runnerCommand()).ToList();
                taskCommand.AddRange(["sweep", "run", manifest.Path, "--store", sweepStore.Folder]);
                if (parse.GetValue(inProcess)) taskCommand.Add("--in-process");
                if (parse.GetValue(cellTimeout) is { } seconds) taskCommand.AddRange(["--cell-timeout", seconds.ToString("R", CultureInfo.InvariantCulture)]);
                var status = SweepStatus.Of(manifest, sweepStore);
                var name = parse.GetValue(jobName) ?? "sweep-" + JobSafe(Path.GetFileNameWithoutExtension(manifest.Path));
                var k = parse.GetValue(parallel);
                switch (parse.GetValue(backend))
                {
                    case "local":
                        if (status.ToRun.Count == 0) return NothingToDo(status);
                        Console.WriteLine($"running {status.ToRun.Count} of {status.Total} task(s) here, {Math.Max(k, 1)} at a time (logs: {sweepStore.LogsFolder})");
                        var failed = await LocalBackend.RunAsync(status.ToRun, Math.Max(k, 1), taskCommand, sweepStore.LogsFolder, Console.Out, cancellationToken);
                        PrintStatus(SweepStatus.Of(manifest, sweepStore));
                        return failed.Count == 0 ? 0 : 1;
                    case "kubernetes":
                        var options = new KubernetesOptions
                        {
                            Name = name.ToLowerInvariant(),
                            Image = parse.GetValue(image) ?? throw new ArgumentException("--backend kubernetes needs --image (a container image with the .NET runtime)."),
                            VolumeClaim = parse.GetValue(claim) ?? throw new ArgumentException("--backend kubernetes needs --claim (the PersistentVolumeClaim with runner, manifest, data and store)."),
                            MountPath = Path.GetFullPath(parse.GetValue(mountPath) ?? "."),
                            MaxParallel = Math.Max(k, 1),
                            GpusPerTask = parse.GetValue(gpus),
                        };
                        foreach (var path in new[] { manifest.Path, sweepStore.Folder })
                            if (!(path + "/").StartsWith(options.MountPath.TrimEnd('/') + "/", StringComparison.Ordinal))
                                throw new ArgumentException($"{path} is not under the mount path {options.MountPath}: the pods would not see it (give --mount-path).");
                        var yamlPath = Path.Combine(sweepStore.Folder, "kubernetes-job.yaml");
                        AtomicFile.WriteAllText(yamlPath, KubernetesJob.Yaml(manifest.Entries.Count, options, taskCommand));
                        Console.WriteLine($"Kubernetes Indexed Job for {manifest.Entries.Count} task(s) ({status.Done.Count} already done) → {yamlPath}");
                        if (parse.GetValue(dryRun)) return 0;
                        return await Tool.RunAsync("kubectl", ["apply", "-f", yamlPath], Console.Out, cancellationToken) == 0 ? 0 : 1;
                    default:
                        if (status.ToRun.Count == 0) return NothingToDo(status);
                        var slurm = new SlurmOptions
                        {
                            JobName = name, MaxParallel = k, GpusPerTask = parse.GetValue(gpus), CpusPerTask = parse.GetValue(cpus), Memory = parse.GetValue(memory),
                            Time = parse.GetValue(time), Partition = parse.GetValue(partition), Account = parse.GetValue(account), ExtraOptions = parse.GetValue(sbatchOptions) ?? [],
                        };
                        var scriptPath = Path.Combine(sweepStore.Folder, "sweep.sbatch");
                        AtomicFile.WriteAllText(scriptPath, SlurmScript.Text(status.ToRun, slurm, taskCommand, sweepStore.LogsFolder));
                        Console.WriteLine($"sbatch script for {status.ToRun.Count} of {status.Total} task(s) (--array={ArraySpec.Of(status.ToRun, k)}) → {scriptPath}");
                        if (parse.GetValue(dryRun)) return 0;
                        var job = await Slurm.SubmitAsync(scriptPath, cancellationToken);
                        Console.WriteLine($"submitted job array {job} (follow it with `squeue -j {job}` and `sweep status`)");
                        if (!parse.GetValue(wait)) return 0;
                        await Slurm.WaitAsync(job, cancellationToken);
                        var after = SweepStatus.Of(manifest, sweepStore);
                        PrintStatus(after);
                        return after.ToRun.Count == 0 ? 0 : 1;
                }
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException or IOException or InvalidOperationException)
            {
                return Fail(e);
            }
        });
        return command;
    }

    private static Command Status()
    {
        var manifestArgument = ManifestArgument();
        var store = StoreOption();
        var command = new Command("status", "Counts the manifest's ids that are done, failed (with their errors) and pending.") { manifestArgument, store };
        command.SetAction(parse =>
        {
            try
            {
                var manifest = SweepManifest.Load(parse.GetValue(manifestArgument)!);
                PrintStatus(SweepStatus.Of(manifest, OpenStore(parse, store, manifest)));
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException)
            {
                return Fail(e);
            }
        });
        return command;
    }

    private static Command Collect()
    {
        var manifestArgument = ManifestArgument();
        var store = StoreOption();
        var output = new Option<string?>("--out", "-o") { Description = "The CSV table to write (default: results.csv in the store)" };
        var command = new Command("collect", "Merges the records into one CSV table, in manifest order (failed and pending ids as rows without metrics).") { manifestArgument, store, output };
        command.SetAction(parse =>
        {
            try
            {
                var manifest = SweepManifest.Load(parse.GetValue(manifestArgument)!);
                var sweepStore = OpenStore(parse, store, manifest);
                var status = SweepStatus.Of(manifest, sweepStore);
                var path = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(sweepStore.Folder, "results.csv"));
                AtomicFile.WriteAllText(path, SweepTable.ToCsv(manifest, sweepStore));
                Console.WriteLine($"{status.Done.Count} done, {status.Failed.Count} failed, {status.Pending.Count} pending of {status.Total} → {path}");
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException or IOException)
            {
                return Fail(e);
            }
        });
        return command;
    }

    private static string ResolveNotebook(string? notebook, string? table, string folder)
    {
        if (notebook is not null && table is not null) throw new ArgumentException("Give a notebook or --table, not both.");
        if (notebook is not null) return notebook;
        if (table is null) throw new ArgumentException("Give the notebook to sweep, or --table (e.g. --table journal-table-III).");
        if (!Directory.Exists(folder)) throw new ArgumentException($"--notebooks folder '{folder}' does not exist.");
        var matches = Directory.EnumerateFiles(folder, "*.ipynb")
            .Where(f => Path.GetFileNameWithoutExtension(f).EndsWith("-" + table, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
        return matches.Count == 1 ? matches[0]
            : throw new ArgumentException(matches.Count == 0
                ? $"No notebook *-{table}.ipynb in {Path.GetFullPath(folder)}."
                : $"Several notebooks match --table {table}: {string.Join(", ", matches.Select(Path.GetFileName))}.");
    }

    private static int TaskFromEnvironment()
    {
        foreach (var name in new[] { "SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX" })
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
                return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : throw new ArgumentException($"${name} is '{value}', not a task index.");
        throw new ArgumentException("Give --task (or run inside a Slurm array task or a Kubernetes Indexed Job).");
    }

    private static void PrintStatus(SweepStatus status)
    {
        Console.WriteLine($"{status.Total} task(s): {status.Done.Count} done, {status.Failed.Count} failed, {status.Pending.Count} pending");
        foreach (var (entry, error) in status.Failed)
            Console.WriteLine($"  failed  {entry.Index,4}  {entry.Id}  {entry.Describe()}: {error?.Name}: {error?.Message}");
        if (status.Pending.Count is > 0 and <= 20)
            Console.WriteLine($"  pending {string.Join(", ", status.Pending.Select(p => p.Index))}");
        if (status.LeftoverTemporaryFiles.Count > 0)
            Console.WriteLine($"  {status.LeftoverTemporaryFiles.Count} temporary file(s) of running or killed tasks (never read as results; safe to delete when nothing runs)");
    }

    private static int NothingToDo(SweepStatus status)
    {
        Console.WriteLine($"nothing to submit: all {status.Total} task(s) are done");
        return 0;
    }

    private static string JobSafe(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-').ToArray());

    private static int Fail(Exception e)
    {
        Console.Error.WriteLine(e.Message);
        return BadInput;
    }
}
