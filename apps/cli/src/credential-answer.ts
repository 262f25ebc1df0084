/** git's credential-helper protocol: `get` is answered with the API token as the password. */
export function credentialAnswer(action: string | undefined, token: string | undefined): string[] {
  if (action !== "get" || !token) return [];
  return ["username=pier", `password=${token}`];
}
