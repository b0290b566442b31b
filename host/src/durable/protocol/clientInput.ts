// The durableClient input binding value (spec §3.1, ext: Bindings/BindingHelper.cs). rpcBaseUrl must end
// with '/': the JS client resolves `new URL('instances/…', rpcBaseUrl)`.
export const INSTANCE_ID_PLACEHOLDER = 'INSTANCEID';

/** Where the client API is served: on rpcBaseUrl and on the public origin (spec §3.3, ext: HttpApiHandler.cs). */
export const API_BASE_PATH = '/runtime/webhooks/durabletask/';

/**
 * The query every management URL carries (ext: HttpApiHandler.cs:1164-1200): on Azure it ends with the
 * system key, `&code=<key>` (the webhook URI's query); here in --enable-auth mode.
 */
export function managementQuery(taskHubName: string, systemKey?: string): string {
  return `taskHub=${encodeURIComponent(taskHubName)}&connection=Storage${keyQuery(systemKey, '&')}`;
}

function keyQuery(systemKey: string | undefined, separator: string): string {
  return systemKey ? `${separator}code=${encodeURIComponent(systemKey)}` : '';
}

export interface ClientInputData {
  taskHubName: string;
  connectionName: null;
  creationUrls: { createNewInstancePostUri: string; createAndWaitOnNewInstancePostUri: string };
  managementUrls: Record<string, string>;
  baseUrl: string;
  requiredQueryStringParameters: string;
  rpcBaseUrl: string;
  httpBaseUrl: null;
}

/**
 * `origin` = public origin (e.g. http://localhost:7071); `rpcBaseUrl` ends with '/'; `systemKey` (--enable-auth)
 * goes into every URL and `requiredQueryStringParameters` as on Azure (ext: HttpApiHandler.cs:1139-1162).
 */
export function clientInputData(taskHubName: string, origin: string, rpcBaseUrl: string, systemKey?: string): ClientInputData {
  const base = `${origin}${API_BASE_PATH.slice(0, -1)}`;
  const q = managementQuery(taskHubName, systemKey);
  const universal = keyQuery(systemKey, '');
  const inst = `${base}/instances/${INSTANCE_ID_PLACEHOLDER}`;
  return {
    taskHubName,
    connectionName: null,
    creationUrls: {
      createNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?${universal}`,
      createAndWaitOnNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&${universal}`,
    },
    managementUrls: {
      id: INSTANCE_ID_PLACEHOLDER,
      ...instanceUrls(inst, q),
      rewindPostUri: `${inst}/rewind?reason={text}&${q}`,
    },
    baseUrl: base,
    requiredQueryStringParameters: universal,
    rpcBaseUrl,
    httpBaseUrl: null,
  };
}

/** The management URLs of one instance, as in the start response (ext: HttpApiHandler.cs:1211-1237). */
export function instanceUrls(instanceUrl: string, q: string): Record<string, string> {
  return {
    statusQueryGetUri: `${instanceUrl}?${q}`,
    sendEventPostUri: `${instanceUrl}/raiseEvent/{eventName}?${q}`,
    terminatePostUri: `${instanceUrl}/terminate?reason={text}&${q}`,
    purgeHistoryDeleteUri: `${instanceUrl}?${q}`,
    restartPostUri: `${instanceUrl}/restart?${q}`,
    suspendPostUri: `${instanceUrl}/suspend?reason={text}&${q}`,
    resumePostUri: `${instanceUrl}/resume?reason={text}&${q}`,
  };
}
