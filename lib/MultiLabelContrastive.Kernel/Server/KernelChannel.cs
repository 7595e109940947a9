namespace MultiLabelContrastive.Kernel.Server;

/// <summary>The five sockets of a Jupyter kernel.</summary>
internal enum KernelChannel
{
    /// <summary>ROUTER: requests of the clients (execute, complete, inspect, kernel info, …).</summary>
    Shell,

    /// <summary>PUB: status, outputs and the code being run, broadcast to every client.</summary>
    IoPub,

    /// <summary>ROUTER: the kernel asks the client for input (<c>Console.ReadLine()</c> in a cell).</summary>
    Stdin,

    /// <summary>ROUTER: interrupt and shutdown (and kernel info), served while a cell runs.</summary>
    Control,

    /// <summary>REP: echoes pings so that the client sees the kernel is alive.</summary>
    Heartbeat,
}
