/**
 * Channels API shapes. Hand-declared (each marked "until the route has a response schema"): swap each for
 * ApiResponse / ApiItem from api/types.ts once the server declares the route's response schema and
 * `npm run gen:api` regenerates api/schema.d.ts.
 */
// until the route has a response schema
export interface NetworkLimits {
  maxChars: number;
  maxImages: number;
  maxImageBytes: number;
  acceptedImageTypes: string[];
  maxAltChars: number;
  supportsThreads: boolean;
  supportsVisibility?: boolean;
  supportsContentWarning?: boolean;
}

// until the route has a response schema
export interface NetworkInfo {
  name: string;
  label: { en: string; es: string };
  simulated: boolean;
  limits: NetworkLimits;
  connectionFields: Array<{ name: string; secret: boolean; required: boolean; label: { en: string; es: string } }>;
}

// until the route has a response schema
export interface Channel {
  id: string;
  network: string;
  networkLabel: { en: string; es: string };
  simulated: boolean;
  name: string;
  settings: Record<string, unknown>;
  status: 'active' | 'needs_reconnect' | 'disconnected';
  account: { handle?: string; displayName?: string; followers?: number } | null;
  lastError: string | null;
  lastCheckedAt: string | null;
  limits: NetworkLimits | null;
}
