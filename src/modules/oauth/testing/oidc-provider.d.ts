// oidc-provider ships no type declarations; the test server uses it untyped.
declare module 'oidc-provider';
