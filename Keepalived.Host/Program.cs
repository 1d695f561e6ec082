using Keepalived.Host;

return await ServiceHost.RunAsync(args);
