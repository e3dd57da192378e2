/**
 * Generated from the server's OpenAPI document by tools/gen-api-types.ts (`npm run gen:api`).
 * Do not edit by hand: test/api-types.test.ts fails when this file is stale.
 */

export interface paths {
    "/api/v1/analytics/kpis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** KPI catalog with formulas and what each network reports */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            kpis: {
                                [key: string]: {
                                    en: string;
                                    es: string;
                                    formula: string;
                                    formulaEs: string;
                                    higherIsBetter: boolean;
                                    /** @enum {string} */
                                    unit: "%" | "count" | "per_post" | "money";
                                };
                            };
                            networks: {
                                [key: string]: {
                                    missing: {
                                        [key: string]: string;
                                    };
                                    reports: string[];
                                };
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with e-mail and password */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            passwordChangeRecommended: boolean;
                            user: {
                                email: string;
                                /** Format: uuid */
                                id: string;
                                locale: string;
                                name: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** E-mail a password reset link (valid one hour, once); the answer is the same whether the account exists or not */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            mailConfigured: boolean;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Whether a reset link can still be used */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            usable: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with a reset link; every session of the account ends */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sign-out-everywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End every session of yours, this one included; optionally revoke every personal API token too */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default false */
                        revokeApiTokens?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            endedSessions: number;
                            revokedTokens: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create the first user (owner) of this installation */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        /**
                         * @default en
                         * @enum {string}
                         */
                        locale?: "en" | "es";
                        name: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            user: {
                                email: string;
                                /** Format: uuid */
                                id: string;
                                locale: string;
                                name: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calendar/{feedFile}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The iCalendar feed (text/calendar); the token in the URL is the credential */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    feedFile: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description An iCalendar (RFC 5545) document */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/calendar": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/client-review/decide": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The client approves or rejects one post of the link (a rejection needs a comment); recorded as the client */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default  */
                        comment?: string;
                        /** @enum {string} */
                        decision: "approved" | "rejected";
                        /** Format: uuid */
                        postId: string;
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            comment: string;
                            decidedAt: string;
                            /** @enum {string} */
                            decision: "approved" | "rejected";
                            /** Format: uuid */
                            postId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/client-review/media/{linkId}/{mediaId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An image or video of a post a client link shows (the path is signed for that link and file) */
        get: {
            parameters: {
                query: {
                    sig: string;
                };
                header?: never;
                path: {
                    linkId: string;
                    mediaId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/gif": string;
                        "image/jpeg": string;
                        "image/png": string;
                        "image/webp": string;
                        "video/mp4": string;
                        "video/quicktime": string;
                    };
                };
                /** @description The asked byte range of the file */
                206: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/gif": string;
                        "image/jpeg": string;
                        "image/png": string;
                        "image/webp": string;
                        "video/mp4": string;
                        "video/quicktime": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/client-review/open": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What a client link shows (no account: the token is the credential); 410 when expired or revoked */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clientName: string;
                            expiresAt: string;
                            firstDay: string;
                            /** @enum {string} */
                            language: "es" | "en";
                            lastDay: string;
                            posts: {
                                channels: {
                                    account: {
                                        handle: string;
                                        name: string;
                                    };
                                    channelName: string;
                                    excerpt: string | null;
                                    /** Format: uuid */
                                    id: string;
                                    media: {
                                        alt: string;
                                        url: string;
                                    }[];
                                    network: string;
                                    text: string;
                                    thread: {
                                        media: {
                                            alt: string;
                                            url: string;
                                        }[];
                                        text: string;
                                    }[];
                                    title: string | null;
                                }[];
                                content: string;
                                decidable: boolean;
                                decision: {
                                    comment: string;
                                    decidedAt: string;
                                    /** @enum {string} */
                                    decision: "approved" | "rejected";
                                } | null;
                                /** Format: uuid */
                                id: string;
                                scheduledAt: string;
                                /** @enum {string} */
                                state: "draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                            }[];
                            timeZone: string;
                            workspaceName: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inbox/push/{channelId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A network’s subscription check of a channel’s push address: echoes `hub.challenge` when `hub.verify_token` is the channel’s */
        get: {
            parameters: {
                query?: {
                    "hub.challenge"?: string;
                    "hub.mode"?: string;
                    "hub.verify_token"?: string;
                };
                header?: never;
                path: {
                    channelId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
            };
        };
        put?: never;
        /** A network’s push (webhook) for one channel, signed with the channel’s push secret; stored as polling stores, each item once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channelId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            duplicates: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an invitation: signed in with the invited address, or creating that account (name and password) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        locale?: "en" | "es";
                        name?: string;
                        password?: string;
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAccount: boolean;
                            csrfToken: string | null;
                            /** @enum {string} */
                            role: "owner" | "manager" | "editor" | "approver" | "viewer";
                            /** Format: uuid */
                            userId: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What an invitation link invites to */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            expiresAt: string;
                            invitedBy: string | null;
                            /** @enum {string} */
                            role: "owner" | "manager" | "editor" | "approver" | "viewer";
                            workspaceLanguage: string;
                            workspaceName: string;
                            workspaceTimeZone: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kpis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The KPIs an objective can track, with their formulas (variant named) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                en: string;
                                es: string;
                                formula: string;
                                formulaEs: string;
                                higherIsBetter: boolean;
                                /** @enum {string} */
                                name: "engagement_rate_by_reach" | "engagement_rate_by_impressions" | "engagement_rate_by_followers" | "engagements" | "amplification_rate" | "amplification_rate_per_1000_followers" | "applause_rate" | "conversation_rate" | "follower_growth_rate" | "followers" | "interested_followers" | "link_clicks" | "ctr" | "leads" | "conversion_value" | "cpl" | "roi" | "share_of_voice" | "net_sentiment";
                                /** @enum {string} */
                                unit: "%" | "count" | "per_post" | "money";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/listening/source-kinds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Kinds of listening source with the fields of their settings form */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                fields: {
                                    default?: string | number;
                                    help?: {
                                        en: string;
                                        es: string;
                                    };
                                    /** @enum {string} */
                                    input: "url" | "text" | "secret" | "number" | "select" | "channel";
                                    label: {
                                        en: string;
                                        es: string;
                                    };
                                    max?: number;
                                    min?: number;
                                    name: string;
                                    networks?: string[];
                                    options?: {
                                        label: {
                                            en: string;
                                            es: string;
                                        };
                                        value: string;
                                    }[];
                                    required: boolean;
                                    stripPrefix?: string;
                                    when?: {
                                        equals: string[];
                                        field: string;
                                    };
                                }[];
                                kind: string;
                                label: {
                                    en: string;
                                    es: string;
                                };
                                network: string | null;
                                targetKeys: string[];
                                urlField: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user, their CSRF token and their workspaces with their role and permissions in each */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string | null;
                            user: {
                                email: string;
                                /** Format: uuid */
                                id: string;
                                locale: string;
                                name: string;
                            };
                            workspaces: {
                                approvalRequired: boolean;
                                currency: string;
                                /** Format: uuid */
                                id: string;
                                language: string;
                                name: string;
                                permissions: ("read" | "comment" | "post.write" | "post.approve" | "post.publish" | "channel.manage" | "member.manage" | "workspace.manage" | "workspace.delete" | "webhook.manage" | "integration.manage" | "listening.write" | "listening.manage" | "inbox.reply" | "inbox.manage" | "client_link.manage" | "contacts.write" | "contacts.manage")[];
                                /** @enum {string} */
                                role: "owner" | "manager" | "editor" | "approver" | "viewer";
                                timeZone: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change your password (the current one is required); your other sessions end, API tokens stay */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            endedSessions: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your personal API tokens (secrets are never shown again) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                lastUsedAt: (string) | null;
                                name: string;
                                revokedAt: (string) | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a personal API token; the secret is shown once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            token: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a personal API token */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Networks Plaza can connect to, with their limits and connection fields */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                capabilities: {
                                    /** @enum {string} */
                                    charCounting: "graphemes" | "code-points" | "utf16" | "x-weighted" | "utf8-emoji";
                                    firstComment: boolean;
                                    maxCarouselItems: number;
                                    maxDocumentBytes?: number;
                                    mediaByUrl: boolean;
                                    options: {
                                        choicesFromAccount?: boolean;
                                        default?: string | boolean;
                                        /** @enum {string} */
                                        kind: "select" | "boolean" | "text";
                                        label: {
                                            en: string;
                                            es: string;
                                        };
                                        name: string;
                                        postTypes?: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document")[];
                                        valueLabels?: {
                                            [key: string]: {
                                                en: string;
                                                es: string;
                                            };
                                        };
                                        values?: string[];
                                    }[];
                                    postTypes: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document")[];
                                    video?: {
                                        codecs: string[];
                                        containers: string[];
                                        maxAspectRatio: number;
                                        maxBytes: number;
                                        maxDurationSeconds: number;
                                        minAspectRatio: number;
                                        minDurationSeconds: number;
                                    };
                                } | null;
                                connectionFields: {
                                    label: {
                                        en: string;
                                        es: string;
                                    };
                                    name: string;
                                    required: boolean;
                                    secret: boolean;
                                }[];
                                /** @enum {string} */
                                idempotency: "deterministic-record-key" | "idempotency-key-header" | "reconcile-by-lookup";
                                label: {
                                    en: string;
                                    es: string;
                                };
                                limits: {
                                    acceptedImageTypes: string[];
                                    maxAltChars: number;
                                    maxChars: number;
                                    maxImageBytes: number;
                                    maxImages: number;
                                    postsPerMinutePerChannel: number;
                                    supportsContentWarning: boolean;
                                    supportsThreads: boolean;
                                    supportsVisibility: boolean;
                                };
                                mediaByUrlProblem: {
                                    /** @enum {string} */
                                    code: "public_url_missing" | "public_url_not_public";
                                    message: string;
                                } | null;
                                name: string;
                                signIn: ("app" | "instance") | null;
                                signInWays: {
                                    appNetwork: string;
                                    hint: {
                                        en: string;
                                        es: string;
                                    };
                                    id: string;
                                    label: {
                                        en: string;
                                        es: string;
                                    };
                                }[];
                                simulated: boolean;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oauth/{network}/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the network sends the browser back: exchanges the code, then redirects to the web app’s account picker (or its error page) */
        get: {
            parameters: {
                query?: {
                    code?: string;
                    error?: string;
                    error_description?: string;
                    state?: string;
                };
                header?: never;
                path: {
                    network: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page that sends the browser on to the web app’s account picker, or to its error page with a code */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What each role may do (the permission table), to explain roles where they are chosen */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                permissions: ("read" | "comment" | "post.write" | "post.approve" | "post.publish" | "channel.manage" | "member.manage" | "workspace.manage" | "workspace.delete" | "webhook.manage" | "integration.manage" | "listening.write" | "listening.manage" | "inbox.reply" | "inbox.manage" | "client_link.manage" | "contacts.write" | "contacts.manage")[];
                                /** @enum {string} */
                                role: "owner" | "manager" | "editor" | "approver" | "viewer";
                            }[];
                            permissions: ("read" | "comment" | "post.write" | "post.approve" | "post.publish" | "channel.manage" | "member.manage" | "workspace.manage" | "workspace.delete" | "webhook.manage" | "integration.manage" | "listening.write" | "listening.manage" | "inbox.reply" | "inbox.manage" | "client_link.manage" | "contacts.write" | "contacts.manage")[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the installation still needs its first user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            needsOwner: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Workspaces you belong to */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                approvalRequired: boolean;
                                createdAt: string;
                                currency: string;
                                /** Format: uuid */
                                id: string;
                                language: string;
                                missedGraceMinutes: number;
                                name: string;
                                /** @enum {string} */
                                role: "owner" | "manager" | "editor" | "approver" | "viewer";
                                timeZone: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a workspace; you become its owner */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default false */
                        approvalRequired?: boolean;
                        currency?: string;
                        /** @enum {string} */
                        language: "es" | "en";
                        /** @default 60 */
                        missedGraceMinutes?: number;
                        name: string;
                        timeZone: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approvalRequired: boolean;
                            createdAt: string;
                            currency: string;
                            /** Format: uuid */
                            id: string;
                            language: string;
                            missedGraceMinutes: number;
                            name: string;
                            timeZone: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approvalRequired: boolean;
                            createdAt: string;
                            currency: string;
                            /** Format: uuid */
                            id: string;
                            language: string;
                            missedGraceMinutes: number;
                            name: string;
                            /** @enum {string} */
                            role: "owner" | "manager" | "editor" | "approver" | "viewer";
                            timeZone: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default false */
                        approvalRequired?: boolean;
                        currency?: string;
                        /** @enum {string} */
                        language?: "es" | "en";
                        /** @default 60 */
                        missedGraceMinutes?: number;
                        name?: string;
                        timeZone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approvalRequired: boolean;
                            createdAt: string;
                            currency: string;
                            /** Format: uuid */
                            id: string;
                            language: string;
                            missedGraceMinutes: number;
                            name: string;
                            timeZone: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/activity/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live activity of a workspace as server-sent events (each event: id, type, subject); resumes after Last-Event-ID */
        get: {
            parameters: {
                query?: {
                    after?: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Server-sent events: `activity` (an activity item as JSON) and `revoked` */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/analytics/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Objective alerts (off track / back on track), newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                acknowledgedAt: (string) | null;
                                createdAt: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                /** Format: uuid */
                                id: string;
                                kind: string;
                                message: string;
                                messageEs: string | null;
                                /** Format: uuid */
                                objectiveId: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/analytics/alerts/{alertId}/ack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge an alert */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    alertId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/analytics/backfill": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Snapshot every published post now (background); poll its progress. While one runs in the workspace, answers 200 with it instead of starting another */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alreadyRunning: boolean;
                            done: number;
                            error: string | null;
                            failed: number;
                            finished: boolean;
                            finishedAt: (string) | null;
                            /** Format: uuid */
                            jobId: string;
                            startedAt: string;
                            startedBy: string | null;
                            /** @enum {string} */
                            state: "running" | "done" | "failed";
                            total: number;
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alreadyRunning: boolean;
                            done: number;
                            error: string | null;
                            failed: number;
                            finished: boolean;
                            finishedAt: (string) | null;
                            /** Format: uuid */
                            jobId: string;
                            startedAt: string;
                            startedBy: string | null;
                            /** @enum {string} */
                            state: "running" | "done" | "failed";
                            total: number;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/analytics/backfill/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Progress of a backfill (from any process) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    jobId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            done: number;
                            error: string | null;
                            failed: number;
                            finished: boolean;
                            finishedAt: (string) | null;
                            /** Format: uuid */
                            jobId: string;
                            startedAt: string;
                            startedBy: string | null;
                            /** @enum {string} */
                            state: "running" | "done" | "failed";
                            total: number;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/analytics/backfills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent backfills, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                done: number;
                                error: string | null;
                                failed: number;
                                finished: boolean;
                                finishedAt: (string) | null;
                                /** Format: uuid */
                                jobId: string;
                                startedAt: string;
                                startedBy: string | null;
                                /** @enum {string} */
                                state: "running" | "done" | "failed";
                                total: number;
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/analytics/best-time": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 7×24 best-time grid in the workspace time zone (method included) */
        get: {
            parameters: {
                query?: {
                    channelId?: string;
                    days?: number;
                    minSample?: number;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            best: {
                                hour: number;
                                posts: number;
                                rate: number | null;
                                rawRate: number | null;
                                weekday: number;
                            }[];
                            cells: {
                                hour: number;
                                posts: number;
                                rate: number | null;
                                rawRate: number | null;
                                weekday: number;
                            }[];
                            method: string;
                            methodEs: string;
                            minSample: number;
                            samples: number;
                            timeZone: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/analytics/campaigns/{campaignId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Campaign dashboard */
        get: {
            parameters: {
                query?: {
                    compare?: "true" | "false";
                    from?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    campaignId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changes: {
                                [key: string]: number | null;
                            } | null;
                            current: {
                                followers: {
                                    /** Format: date */
                                    day: string;
                                    followers: number;
                                }[];
                                kpis: {
                                    formula: string;
                                    formulaEs: string;
                                    label: {
                                        en: string;
                                        es: string;
                                    };
                                    /** @enum {string} */
                                    name: "engagement_rate_by_reach" | "engagement_rate_by_impressions" | "engagement_rate_by_followers" | "engagements" | "amplification_rate" | "amplification_rate_per_1000_followers" | "applause_rate" | "conversation_rate" | "follower_growth_rate" | "followers" | "interested_followers" | "link_clicks" | "ctr" | "leads" | "conversion_value" | "cpl" | "roi" | "share_of_voice" | "net_sentiment";
                                    reason: string | null;
                                    value: number | null;
                                }[];
                                range: {
                                    /** Format: date */
                                    firstDay: string;
                                    from: string;
                                    /** Format: date */
                                    lastDay: string;
                                    timeZone: string;
                                    to: string;
                                };
                                series: {
                                    /** Format: date */
                                    day: string;
                                    engagements: number;
                                    followersAtPost: number;
                                    impressions: number | null;
                                    likes: number;
                                    networkClicks: number | null;
                                    posts: number;
                                    quotes: number;
                                    reach: number | null;
                                    replies: number;
                                    reposts: number;
                                }[];
                                totals: {
                                    conversionValue: number;
                                    cost: number;
                                    engagements: number;
                                    followersAtPost: number;
                                    followersEnd: number | null;
                                    followersStart: number | null;
                                    impressions: number | null;
                                    leads: number;
                                    likes: number;
                                    linkClicks: number;
                                    networkClicks: number | null;
                                    posts: number;
                                    quotes: number;
                                    reach: number | null;
                                    replies: number;
                                    reposts: number;
                                    uniqueVisitors: number;
                                };
                            };
                            days: {
                                /** Format: date */
                                firstDay: string;
                                from: string;
                                /** Format: date */
                                lastDay: string;
                                timeZone: string;
                                to: string;
                            };
                            posts: {
                                bottom: {
                                    /** Format: uuid */
                                    channelId: string;
                                    engagementRateByFollowers: number | null;
                                    engagements: number;
                                    excerpt: string;
                                    hasMedia: boolean;
                                    network: string;
                                    pillarId: string | null;
                                    /** Format: uuid */
                                    postId: string;
                                    /** Format: uuid */
                                    publicationId: string;
                                    publishedAt: string;
                                }[];
                                top: {
                                    /** Format: uuid */
                                    channelId: string;
                                    engagementRateByFollowers: number | null;
                                    engagements: number;
                                    excerpt: string;
                                    hasMedia: boolean;
                                    network: string;
                                    pillarId: string | null;
                                    /** Format: uuid */
                                    postId: string;
                                    /** Format: uuid */
                                    publicationId: string;
                                    publishedAt: string;
                                }[];
                            };
                            previous: {
                                followers: {
                                    /** Format: date */
                                    day: string;
                                    followers: number;
                                }[];
                                kpis: {
                                    formula: string;
                                    formulaEs: string;
                                    label: {
                                        en: string;
                                        es: string;
                                    };
                                    /** @enum {string} */
                                    name: "engagement_rate_by_reach" | "engagement_rate_by_impressions" | "engagement_rate_by_followers" | "engagements" | "amplification_rate" | "amplification_rate_per_1000_followers" | "applause_rate" | "conversation_rate" | "follower_growth_rate" | "followers" | "interested_followers" | "link_clicks" | "ctr" | "leads" | "conversion_value" | "cpl" | "roi" | "share_of_voice" | "net_sentiment";
                                    reason: string | null;
                                    value: number | null;
                                }[];
                                range: {
                                    /** Format: date */
                                    firstDay: string;
                                    from: string;
                                    /** Format: date */
                                    lastDay: string;
                                    timeZone: string;
                                    to: string;
                                };
                                series: {
                                    /** Format: date */
                                    day: string;
                                    engagements: number;
                                    followersAtPost: number;
                                    impressions: number | null;
                                    likes: number;
                                    networkClicks: number | null;
                                    posts: number;
                                    quotes: number;
                                    reach: number | null;
                                    replies: number;
                                    reposts: number;
                                }[];
                                totals: {
                                    conversionValue: number;
                                    cost: number;
                                    engagements: number;
                                    followersAtPost: number;
                                    followersEnd: number | null;
                                    followersStart: number | null;
                                    impressions: number | null;
                                    leads: number;
                                    likes: number;
                                    linkClicks: number;
                                    networkClicks: number | null;
                                    posts: number;
                                    quotes: number;
                                    reach: number | null;
                                    replies: number;
                                    reposts: number;
                                    uniqueVisitors: number;
                                };
                            } | null;
                            scope: {
                                /** Format: uuid */
                                campaignId?: string;
                                /** Format: uuid */
                                channelId?: string;
                                /** Format: uuid */
                                objectiveId?: string;
                            };
                            timeZone: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/analytics/channel-fit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Networks ranked by measured results, per objective or segment */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    objectiveId?: string;
                    segmentId?: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            minPosts: number;
                            networks: {
                                amplificationRate: number | null;
                                conversationRate: number | null;
                                conversionValue: number;
                                engagementRateByFollowers: number | null;
                                enoughData: boolean;
                                leads: number;
                                network: string;
                                posts: number;
                                rank: number;
                            }[];
                            rankedBy: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/analytics/channels/{channelId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Channel dashboard */
        get: {
            parameters: {
                query?: {
                    compare?: "true" | "false";
                    from?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    channelId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changes: {
                                [key: string]: number | null;
                            } | null;
                            current: {
                                followers: {
                                    /** Format: date */
                                    day: string;
                                    followers: number;
                                }[];
                                kpis: {
                                    formula: string;
                                    formulaEs: string;
                                    label: {
                                        en: string;
                                        es: string;
                                    };
                                    /** @enum {string} */
                                    name: "engagement_rate_by_reach" | "engagement_rate_by_impressions" | "engagement_rate_by_followers" | "engagements" | "amplification_rate" | "amplification_rate_per_1000_followers" | "applause_rate" | "conversation_rate" | "follower_growth_rate" | "followers" | "interested_followers" | "link_clicks" | "ctr" | "leads" | "conversion_value" | "cpl" | "roi" | "share_of_voice" | "net_sentiment";
                                    reason: string | null;
                                    value: number | null;
                                }[];
                                range: {
                                    /** Format: date */
                                    firstDay: string;
                                    from: string;
                                    /** Format: date */
                                    lastDay: string;
                                    timeZone: string;
                                    to: string;
                                };
                                series: {
                                    /** Format: date */
                                    day: string;
                                    engagements: number;
                                    followersAtPost: number;
                                    impressions: number | null;
                                    likes: number;
                                    networkClicks: number | null;
                                    posts: number;
                                    quotes: number;
                                    reach: number | null;
                                    replies: number;
                                    reposts: number;
                                }[];
                                totals: {
                                    conversionValue: number;
                                    cost: number;
                                    engagements: number;
                                    followersAtPost: number;
                                    followersEnd: number | null;
                                    followersStart: number | null;
                                    impressions: number | null;
                                    leads: number;
                                    likes: number;
                                    linkClicks: number;
                                    networkClicks: number | null;
                                    posts: number;
                                    quotes: number;
                                    reach: number | null;
                                    replies: number;
                                    reposts: number;
                                    uniqueVisitors: number;
                                };
                            };
                            days: {
                                /** Format: date */
                                firstDay: string;
                                from: string;
                                /** Format: date */
                                lastDay: string;
                                timeZone: string;
                                to: string;
                            };
                            posts: {
                                bottom: {
                                    /** Format: uuid */
                                    channelId: string;
                                    engagementRateByFollowers: number | null;
                                    engagements: number;
                                    excerpt: string;
                                    hasMedia: boolean;
                                    network: string;
                                    pillarId: string | null;
                                    /** Format: uuid */
                                    postId: string;
                                    /** Format: uuid */
                                    publicationId: string;
                                    publishedAt: string;
                                }[];
                                top: {
                                    /** Format: uuid */
                                    channelId: string;
                                    engagementRateByFollowers: number | null;
                                    engagements: number;
                                    excerpt: string;
                                    hasMedia: boolean;
                                    network: string;
                                    pillarId: string | null;
                                    /** Format: uuid */
                                    postId: string;
                                    /** Format: uuid */
                                    publicationId: string;
                                    publishedAt: string;
                                }[];
                            };
                            previous: {
                                followers: {
                                    /** Format: date */
                                    day: string;
                                    followers: number;
                                }[];
                                kpis: {
                                    formula: string;
                                    formulaEs: string;
                                    label: {
                                        en: string;
                                        es: string;
                                    };
                                    /** @enum {string} */
                                    name: "engagement_rate_by_reach" | "engagement_rate_by_impressions" | "engagement_rate_by_followers" | "engagements" | "amplification_rate" | "amplification_rate_per_1000_followers" | "applause_rate" | "conversation_rate" | "follower_growth_rate" | "followers" | "interested_followers" | "link_clicks" | "ctr" | "leads" | "conversion_value" | "cpl" | "roi" | "share_of_voice" | "net_sentiment";
                                    reason: string | null;
                                    value: number | null;
                                }[];
                                range: {
                                    /** Format: date */
                                    firstDay: string;
                                    from: string;
                                    /** Format: date */
                                    lastDay: string;
                                    timeZone: string;
                                    to: string;
                                };
                                series: {
                                    /** Format: date */
                                    day: string;
                                    engagements: number;
                                    followersAtPost: number;
                                    impressions: number | null;
                                    likes: number;
                                    networkClicks: number | null;
                                    posts: number;
                                    quotes: number;
                                    reach: number | null;
                                    replies: number;
                                    reposts: number;
                                }[];
                                totals: {
                                    conversionValue: number;
                                    cost: number;
                                    engagements: number;
                                    followersAtPost: number;
                                    followersEnd: number | null;
                                    followersStart: number | null;
                                    impressions: number | null;
                                    leads: number;
                                    likes: number;
                                    linkClicks: number;
                                    networkClicks: number | null;
                                    posts: number;
                                    quotes: number;
                                    reach: number | null;
                                    replies: number;
                                    reposts: number;
                                    uniqueVisitors: number;
                                };
                            } | null;
                            scope: {
                                /** Format: uuid */
                                campaignId?: string;
                                /** Format: uuid */
                                channelId?: string;
                                /** Format: uuid */
                                objectiveId?: string;
                            };
                            timeZone: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/analytics/collect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run one metric collection pass now (all workspaces’ due snapshots) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            deferred: number;
                            discovered: number;
                            errors: number;
                            followers: number;
                            snapshots: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/analytics/errors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent metric collection errors */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                channelId: string | null;
                                channelName: string | null;
                                code: string;
                                createdAt: string;
                                id: number | string;
                                message: string;
                                network: string | null;
                                postId: string | null;
                                publicationId: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/analytics/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-evaluate the objectives now (alerts when one goes off track) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                changed: boolean;
                                /** Format: uuid */
                                objectiveId: string;
                                status: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/analytics/objectives": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every objective with its progress and status */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                current: number | null;
                                forecast: {
                                    ewma: number | null;
                                    linear: number | null;
                                    method: string;
                                    methodEs: string;
                                } | null;
                                judgingFrom: string;
                                objective: {
                                    baseline?: number;
                                    deadline: string;
                                    /** Format: uuid */
                                    id: string;
                                    kpi: string;
                                    kpiLabel?: {
                                        en: string;
                                        es: string;
                                        formula: string;
                                        formulaEs: string;
                                        higherIsBetter: boolean;
                                        /** @enum {string} */
                                        unit: "%" | "count" | "per_post" | "money";
                                    };
                                    name: string;
                                    startAt?: string;
                                    target: number;
                                };
                                reason?: string | null;
                                status: string;
                                suggestions: {
                                    en: string;
                                    es: string;
                                    kind: string;
                                }[];
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/analytics/objectives/{objectiveId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Objective dashboard with progress, forecast, off-track evidence and suggestions */
        get: {
            parameters: {
                query?: {
                    compare?: "true" | "false";
                    from?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    objectiveId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            dashboard: {
                                changes: {
                                    [key: string]: number | null;
                                } | null;
                                current: {
                                    followers: {
                                        /** Format: date */
                                        day: string;
                                        followers: number;
                                    }[];
                                    kpis: {
                                        formula: string;
                                        formulaEs: string;
                                        label: {
                                            en: string;
                                            es: string;
                                        };
                                        /** @enum {string} */
                                        name: "engagement_rate_by_reach" | "engagement_rate_by_impressions" | "engagement_rate_by_followers" | "engagements" | "amplification_rate" | "amplification_rate_per_1000_followers" | "applause_rate" | "conversation_rate" | "follower_growth_rate" | "followers" | "interested_followers" | "link_clicks" | "ctr" | "leads" | "conversion_value" | "cpl" | "roi" | "share_of_voice" | "net_sentiment";
                                        reason: string | null;
                                        value: number | null;
                                    }[];
                                    range: {
                                        /** Format: date */
                                        firstDay: string;
                                        from: string;
                                        /** Format: date */
                                        lastDay: string;
                                        timeZone: string;
                                        to: string;
                                    };
                                    series: {
                                        /** Format: date */
                                        day: string;
                                        engagements: number;
                                        followersAtPost: number;
                                        impressions: number | null;
                                        likes: number;
                                        networkClicks: number | null;
                                        posts: number;
                                        quotes: number;
                                        reach: number | null;
                                        replies: number;
                                        reposts: number;
                                    }[];
                                    totals: {
                                        conversionValue: number;
                                        cost: number;
                                        engagements: number;
                                        followersAtPost: number;
                                        followersEnd: number | null;
                                        followersStart: number | null;
                                        impressions: number | null;
                                        leads: number;
                                        likes: number;
                                        linkClicks: number;
                                        networkClicks: number | null;
                                        posts: number;
                                        quotes: number;
                                        reach: number | null;
                                        replies: number;
                                        reposts: number;
                                        uniqueVisitors: number;
                                    };
                                };
                                days: {
                                    /** Format: date */
                                    firstDay: string;
                                    from: string;
                                    /** Format: date */
                                    lastDay: string;
                                    timeZone: string;
                                    to: string;
                                };
                                posts: {
                                    bottom: {
                                        /** Format: uuid */
                                        channelId: string;
                                        engagementRateByFollowers: number | null;
                                        engagements: number;
                                        excerpt: string;
                                        hasMedia: boolean;
                                        network: string;
                                        pillarId: string | null;
                                        /** Format: uuid */
                                        postId: string;
                                        /** Format: uuid */
                                        publicationId: string;
                                        publishedAt: string;
                                    }[];
                                    top: {
                                        /** Format: uuid */
                                        channelId: string;
                                        engagementRateByFollowers: number | null;
                                        engagements: number;
                                        excerpt: string;
                                        hasMedia: boolean;
                                        network: string;
                                        pillarId: string | null;
                                        /** Format: uuid */
                                        postId: string;
                                        /** Format: uuid */
                                        publicationId: string;
                                        publishedAt: string;
                                    }[];
                                };
                                previous: {
                                    followers: {
                                        /** Format: date */
                                        day: string;
                                        followers: number;
                                    }[];
                                    kpis: {
                                        formula: string;
                                        formulaEs: string;
                                        label: {
                                            en: string;
                                            es: string;
                                        };
                                        /** @enum {string} */
                                        name: "engagement_rate_by_reach" | "engagement_rate_by_impressions" | "engagement_rate_by_followers" | "engagements" | "amplification_rate" | "amplification_rate_per_1000_followers" | "applause_rate" | "conversation_rate" | "follower_growth_rate" | "followers" | "interested_followers" | "link_clicks" | "ctr" | "leads" | "conversion_value" | "cpl" | "roi" | "share_of_voice" | "net_sentiment";
                                        reason: string | null;
                                        value: number | null;
                                    }[];
                                    range: {
                                        /** Format: date */
                                        firstDay: string;
                                        from: string;
                                        /** Format: date */
                                        lastDay: string;
                                        timeZone: string;
                                        to: string;
                                    };
                                    series: {
                                        /** Format: date */
                                        day: string;
                                        engagements: number;
                                        followersAtPost: number;
                                        impressions: number | null;
                                        likes: number;
                                        networkClicks: number | null;
                                        posts: number;
                                        quotes: number;
                                        reach: number | null;
                                        replies: number;
                                        reposts: number;
                                    }[];
                                    totals: {
                                        conversionValue: number;
                                        cost: number;
                                        engagements: number;
                                        followersAtPost: number;
                                        followersEnd: number | null;
                                        followersStart: number | null;
                                        impressions: number | null;
                                        leads: number;
                                        likes: number;
                                        linkClicks: number;
                                        networkClicks: number | null;
                                        posts: number;
                                        quotes: number;
                                        reach: number | null;
                                        replies: number;
                                        reposts: number;
                                        uniqueVisitors: number;
                                    };
                                } | null;
                                scope: {
                                    /** Format: uuid */
                                    campaignId?: string;
                                    /** Format: uuid */
                                    channelId?: string;
                                    /** Format: uuid */
                                    objectiveId?: string;
                                };
                                timeZone: string;
                            };
                            progress: {
                                current: number | null;
                                evidence: {
                                    channels: {
                                        /** Format: uuid */
                                        channelId: string;
                                        engagementRateByFollowers: number | null;
                                        engagements: number;
                                        name: string;
                                        network: string;
                                        posts: number;
                                    }[];
                                    formats: {
                                        textOnly: {
                                            posts: number;
                                            rate: number | null;
                                        };
                                        withMedia: {
                                            posts: number;
                                            rate: number | null;
                                        };
                                    };
                                    pillars: {
                                        name: string;
                                        posts: number;
                                        rate: number;
                                    }[];
                                    underperformingChannels: {
                                        /** Format: uuid */
                                        channelId: string;
                                        engagementRateByFollowers: number | null;
                                        engagements: number;
                                        name: string;
                                        network: string;
                                        posts: number;
                                    }[];
                                    underperformingPosts: {
                                        /** Format: uuid */
                                        channelId: string;
                                        engagementRateByFollowers: number | null;
                                        engagements: number;
                                        excerpt: string;
                                        hasMedia: boolean;
                                        network: string;
                                        pillarId: string | null;
                                        /** Format: uuid */
                                        postId: string;
                                        /** Format: uuid */
                                        publicationId: string;
                                        publishedAt: string;
                                    }[];
                                } | null;
                                forecast: {
                                    ewma: number | null;
                                    linear: number | null;
                                    method: string;
                                    methodEs: string;
                                } | null;
                                judgingFrom: string;
                                objective: {
                                    baseline?: number;
                                    deadline: string;
                                    /** Format: uuid */
                                    id: string;
                                    kpi: string;
                                    kpiLabel?: {
                                        en: string;
                                        es: string;
                                        formula: string;
                                        formulaEs: string;
                                        higherIsBetter: boolean;
                                        /** @enum {string} */
                                        unit: "%" | "count" | "per_post" | "money";
                                    };
                                    name: string;
                                    startAt?: string;
                                    target: number;
                                };
                                reason?: string | null;
                                series: {
                                    /** Format: date */
                                    day: string;
                                    value: number;
                                }[];
                                status: string;
                                suggestions: {
                                    en: string;
                                    es: string;
                                    kind: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/analytics/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Overview dashboard: KPIs with reasons, daily series, followers, best/worst posts, per-channel breakdown, previous period */
        get: {
            parameters: {
                query?: {
                    compare?: "true" | "false";
                    from?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            awaitingFirstMetrics: {
                                firstExpectedAt: (string) | null;
                                lastExpectedAt: (string) | null;
                                publications: number;
                            };
                            changes: {
                                [key: string]: number | null;
                            } | null;
                            channels: {
                                /** Format: uuid */
                                channelId: string;
                                engagementRateByFollowers: number | null;
                                engagements: number;
                                name: string;
                                network: string;
                                posts: number;
                            }[];
                            current: {
                                followers: {
                                    /** Format: date */
                                    day: string;
                                    followers: number;
                                }[];
                                kpis: {
                                    formula: string;
                                    formulaEs: string;
                                    label: {
                                        en: string;
                                        es: string;
                                    };
                                    /** @enum {string} */
                                    name: "engagement_rate_by_reach" | "engagement_rate_by_impressions" | "engagement_rate_by_followers" | "engagements" | "amplification_rate" | "amplification_rate_per_1000_followers" | "applause_rate" | "conversation_rate" | "follower_growth_rate" | "followers" | "interested_followers" | "link_clicks" | "ctr" | "leads" | "conversion_value" | "cpl" | "roi" | "share_of_voice" | "net_sentiment";
                                    reason: string | null;
                                    value: number | null;
                                }[];
                                range: {
                                    /** Format: date */
                                    firstDay: string;
                                    from: string;
                                    /** Format: date */
                                    lastDay: string;
                                    timeZone: string;
                                    to: string;
                                };
                                series: {
                                    /** Format: date */
                                    day: string;
                                    engagements: number;
                                    followersAtPost: number;
                                    impressions: number | null;
                                    likes: number;
                                    networkClicks: number | null;
                                    posts: number;
                                    quotes: number;
                                    reach: number | null;
                                    replies: number;
                                    reposts: number;
                                }[];
                                totals: {
                                    conversionValue: number;
                                    cost: number;
                                    engagements: number;
                                    followersAtPost: number;
                                    followersEnd: number | null;
                                    followersStart: number | null;
                                    impressions: number | null;
                                    leads: number;
                                    likes: number;
                                    linkClicks: number;
                                    networkClicks: number | null;
                                    posts: number;
                                    quotes: number;
                                    reach: number | null;
                                    replies: number;
                                    reposts: number;
                                    uniqueVisitors: number;
                                };
                            };
                            days: {
                                /** Format: date */
                                firstDay: string;
                                from: string;
                                /** Format: date */
                                lastDay: string;
                                timeZone: string;
                                to: string;
                            };
                            networkReports: {
                                [key: string]: {
                                    missing: {
                                        [key: string]: string;
                                    };
                                    reports: string[];
                                };
                            };
                            posts: {
                                bottom: {
                                    /** Format: uuid */
                                    channelId: string;
                                    engagementRateByFollowers: number | null;
                                    engagements: number;
                                    excerpt: string;
                                    hasMedia: boolean;
                                    network: string;
                                    pillarId: string | null;
                                    /** Format: uuid */
                                    postId: string;
                                    /** Format: uuid */
                                    publicationId: string;
                                    publishedAt: string;
                                }[];
                                top: {
                                    /** Format: uuid */
                                    channelId: string;
                                    engagementRateByFollowers: number | null;
                                    engagements: number;
                                    excerpt: string;
                                    hasMedia: boolean;
                                    network: string;
                                    pillarId: string | null;
                                    /** Format: uuid */
                                    postId: string;
                                    /** Format: uuid */
                                    publicationId: string;
                                    publishedAt: string;
                                }[];
                            };
                            previous: {
                                followers: {
                                    /** Format: date */
                                    day: string;
                                    followers: number;
                                }[];
                                kpis: {
                                    formula: string;
                                    formulaEs: string;
                                    label: {
                                        en: string;
                                        es: string;
                                    };
                                    /** @enum {string} */
                                    name: "engagement_rate_by_reach" | "engagement_rate_by_impressions" | "engagement_rate_by_followers" | "engagements" | "amplification_rate" | "amplification_rate_per_1000_followers" | "applause_rate" | "conversation_rate" | "follower_growth_rate" | "followers" | "interested_followers" | "link_clicks" | "ctr" | "leads" | "conversion_value" | "cpl" | "roi" | "share_of_voice" | "net_sentiment";
                                    reason: string | null;
                                    value: number | null;
                                }[];
                                range: {
                                    /** Format: date */
                                    firstDay: string;
                                    from: string;
                                    /** Format: date */
                                    lastDay: string;
                                    timeZone: string;
                                    to: string;
                                };
                                series: {
                                    /** Format: date */
                                    day: string;
                                    engagements: number;
                                    followersAtPost: number;
                                    impressions: number | null;
                                    likes: number;
                                    networkClicks: number | null;
                                    posts: number;
                                    quotes: number;
                                    reach: number | null;
                                    replies: number;
                                    reposts: number;
                                }[];
                                totals: {
                                    conversionValue: number;
                                    cost: number;
                                    engagements: number;
                                    followersAtPost: number;
                                    followersEnd: number | null;
                                    followersStart: number | null;
                                    impressions: number | null;
                                    leads: number;
                                    likes: number;
                                    linkClicks: number;
                                    networkClicks: number | null;
                                    posts: number;
                                    quotes: number;
                                    reach: number | null;
                                    replies: number;
                                    reposts: number;
                                    uniqueVisitors: number;
                                };
                            } | null;
                            scope: {
                                /** Format: uuid */
                                campaignId?: string;
                                /** Format: uuid */
                                channelId?: string;
                                /** Format: uuid */
                                objectiveId?: string;
                            };
                            timeZone: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/analytics/posts/{postId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Post dashboard: each publication’s snapshots over time, KPIs with reasons, tracked links */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    postId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            content: string;
                            links: {
                                channelId: string | null;
                                clicks: number;
                                conversions: number;
                                conversionValue: number;
                                /** Format: uuid */
                                id: string;
                                network: string | null;
                                shortUrl: string;
                                targetUrl: string;
                                uniqueVisitors: number;
                            }[];
                            /** Format: uuid */
                            postId: string;
                            publications: {
                                /** Format: uuid */
                                channelId: string;
                                firstMetricsExpectedAt: (string) | null;
                                kpis: {
                                    formula: string;
                                    formulaEs: string;
                                    label: {
                                        en: string;
                                        es: string;
                                    };
                                    /** @enum {string} */
                                    name: "engagement_rate_by_reach" | "engagement_rate_by_impressions" | "engagement_rate_by_followers" | "engagements" | "amplification_rate" | "amplification_rate_per_1000_followers" | "applause_rate" | "conversation_rate" | "follower_growth_rate" | "followers" | "interested_followers" | "link_clicks" | "ctr" | "leads" | "conversion_value" | "cpl" | "roi" | "share_of_voice" | "net_sentiment";
                                    reason: string | null;
                                    value: number | null;
                                }[];
                                missing: {
                                    [key: string]: string;
                                };
                                network: string;
                                /** Format: uuid */
                                publicationId: string;
                                publishedAt: (string) | null;
                                remoteUrl: string | null;
                                snapshots: {
                                    capturedAt: string;
                                    clicks: number | null;
                                    impressions: number | null;
                                    likes: number | null;
                                    quotes: number | null;
                                    reach: number | null;
                                    replies: number | null;
                                    reposts: number | null;
                                    saves: number | null;
                                    step: number | null;
                                    views: number | null;
                                }[];
                                state: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/analytics/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a report (PDF with charts, or CSV), in Spanish or English */
        get: {
            parameters: {
                query?: {
                    campaignId?: string;
                    channelId?: string;
                    format?: "pdf" | "csv";
                    from?: string;
                    language?: "en" | "es";
                    objectiveId?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The report as a PDF or a CSV file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                        "text/csv": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/analytics/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Report branding and SMTP settings (password never returned) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            brandColor: string;
                            logoMediaId: string | null;
                            smtp: {
                                from: string;
                                hasPassword: boolean;
                                host: string;
                                port: number;
                                secure: boolean;
                                user: string | null;
                            } | null;
                        };
                    };
                };
            };
        };
        /** Set report branding and SMTP settings */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        brandColor?: string;
                        logoMediaId?: string | null;
                        smtp?: {
                            from: string;
                            host: string;
                            ignoreTls?: boolean;
                            password?: string;
                            port: number;
                            /** @default false */
                            secure?: boolean;
                            user?: string;
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            brandColor: string;
                            logoMediaId: string | null;
                            smtp: {
                                from: string;
                                hasPassword: boolean;
                                host: string;
                                port: number;
                                secure: boolean;
                                user: string | null;
                            } | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/analytics/suggest-time": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The next best time to post (composer button) */
        get: {
            parameters: {
                query?: {
                    after?: string;
                    channelId?: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cell?: {
                                hour: number;
                                posts: number;
                                rate: number | null;
                                rawRate: number | null;
                                weekday: number;
                            };
                            grid?: {
                                samples: number;
                            };
                            localTime?: string | null;
                            reason: string | null;
                            reasonCode: ("not_enough_posts" | "no_best_cell") | null;
                            reasonParams: {
                                [key: string]: number;
                            };
                            suggestion: string | null;
                            timeZone?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/calendar/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Compact calendar entries (dated posts) in a window, for month/week views: one query, up to 5,000 posts */
        get: {
            parameters: {
                query: {
                    authorId?: string;
                    campaignId?: string;
                    channelId?: string;
                    from: string;
                    state?: "draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                    to: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                authorId: string | null;
                                campaignId: string | null;
                                channels: {
                                    /** Format: uuid */
                                    channelId: string;
                                    /** @enum {string} */
                                    state: "pending" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                                }[];
                                content: string;
                                /** Format: uuid */
                                id: string;
                                recurring: boolean;
                                scheduledAt: string;
                                /** @enum {string} */
                                state: "draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/calendar/feed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether you have an active iCalendar feed URL for this workspace */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            createdAt: (string) | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create (or replace) your iCalendar feed URL for this workspace; the URL is shown once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            url: string;
                            urlWarning: {
                                base: string;
                                code: string;
                                message: string;
                            } | null;
                        };
                    };
                };
            };
        };
        /** Revoke your iCalendar feed URL */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List campaigns */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                budget: number | null;
                                createdAt: string;
                                description: string;
                                endAt: (string) | null;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                objectiveId: string | null;
                                slug: string;
                                startAt: (string) | null;
                                updatedAt: string;
                                /** Format: uuid */
                                workspaceId: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a campaign */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        budget?: number | null;
                        description?: string;
                        endAt?: string | null;
                        name: string;
                        objectiveId?: string | null;
                        startAt?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            budget: number | null;
                            createdAt: string;
                            description: string;
                            endAt: (string) | null;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            objectiveId: string | null;
                            slug: string;
                            startAt: (string) | null;
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/campaigns/{itemId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a campaign */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    itemId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            budget: number | null;
                            createdAt: string;
                            description: string;
                            endAt: (string) | null;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            objectiveId: string | null;
                            slug: string;
                            startAt: (string) | null;
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a campaign (posts keep their history) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    itemId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Update a campaign */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    itemId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        budget?: number | null;
                        description?: string;
                        endAt?: string | null;
                        name?: string;
                        objectiveId?: string | null;
                        startAt?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            budget: number | null;
                            createdAt: string;
                            description: string;
                            endAt: (string) | null;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            objectiveId: string | null;
                            slug: string;
                            startAt: (string) | null;
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace’s channels */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                account: {
                                    [key: string]: unknown;
                                } | null;
                                apiCost?: {
                                    /** @enum {string} */
                                    currency: "USD";
                                    month: string;
                                    publications: number;
                                    total: number;
                                } | null;
                                capabilities: {
                                    /** @enum {string} */
                                    charCounting: "graphemes" | "code-points" | "utf16" | "x-weighted" | "utf8-emoji";
                                    firstComment: boolean;
                                    maxCarouselItems: number;
                                    maxDocumentBytes?: number;
                                    mediaByUrl: boolean;
                                    options: {
                                        choicesFromAccount?: boolean;
                                        default?: string | boolean;
                                        /** @enum {string} */
                                        kind: "select" | "boolean" | "text";
                                        label: {
                                            en: string;
                                            es: string;
                                        };
                                        name: string;
                                        postTypes?: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document")[];
                                        valueLabels?: {
                                            [key: string]: {
                                                en: string;
                                                es: string;
                                            };
                                        };
                                        values?: string[];
                                    }[];
                                    postTypes: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document")[];
                                    video?: {
                                        codecs: string[];
                                        containers: string[];
                                        maxAspectRatio: number;
                                        maxBytes: number;
                                        maxDurationSeconds: number;
                                        minAspectRatio: number;
                                        minDurationSeconds: number;
                                    };
                                } | null;
                                connectionExpiresAt: (string) | null;
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                lastCheckedAt: (string) | null;
                                lastError: string | null;
                                lastErrorCode: string | null;
                                limits: {
                                    acceptedImageTypes: string[];
                                    maxAltChars: number;
                                    maxChars: number;
                                    maxImageBytes: number;
                                    maxImages: number;
                                    postsPerMinutePerChannel: number;
                                    supportsContentWarning: boolean;
                                    supportsThreads: boolean;
                                    supportsVisibility: boolean;
                                } | null;
                                mediaByUrlProblem: {
                                    /** @enum {string} */
                                    code: "public_url_missing" | "public_url_not_public";
                                    message: string;
                                } | null;
                                name: string;
                                network: string;
                                networkLabel: {
                                    en: string;
                                    es: string;
                                };
                                quota: {
                                    buckets: {
                                        bucket: string;
                                        limit: number;
                                        used: number;
                                    }[];
                                    day: string;
                                    resetsAt: string;
                                } | null;
                                settings: {
                                    [key: string]: unknown;
                                };
                                signIn: boolean;
                                simulated: boolean;
                                /** @enum {string} */
                                status: "active" | "needs_reconnect" | "disconnected";
                                /** Format: uuid */
                                workspaceId: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Connect an account; the credentials are checked with the network before saving */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        fields: {
                            [key: string]: string | number | boolean;
                        };
                        name: string;
                        network: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account: {
                                [key: string]: unknown;
                            } | null;
                            apiCost?: {
                                /** @enum {string} */
                                currency: "USD";
                                month: string;
                                publications: number;
                                total: number;
                            } | null;
                            capabilities: {
                                /** @enum {string} */
                                charCounting: "graphemes" | "code-points" | "utf16" | "x-weighted" | "utf8-emoji";
                                firstComment: boolean;
                                maxCarouselItems: number;
                                maxDocumentBytes?: number;
                                mediaByUrl: boolean;
                                options: {
                                    choicesFromAccount?: boolean;
                                    default?: string | boolean;
                                    /** @enum {string} */
                                    kind: "select" | "boolean" | "text";
                                    label: {
                                        en: string;
                                        es: string;
                                    };
                                    name: string;
                                    postTypes?: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document")[];
                                    valueLabels?: {
                                        [key: string]: {
                                            en: string;
                                            es: string;
                                        };
                                    };
                                    values?: string[];
                                }[];
                                postTypes: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document")[];
                                video?: {
                                    codecs: string[];
                                    containers: string[];
                                    maxAspectRatio: number;
                                    maxBytes: number;
                                    maxDurationSeconds: number;
                                    minAspectRatio: number;
                                    minDurationSeconds: number;
                                };
                            } | null;
                            connectionExpiresAt: (string) | null;
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            lastCheckedAt: (string) | null;
                            lastError: string | null;
                            lastErrorCode: string | null;
                            limits: {
                                acceptedImageTypes: string[];
                                maxAltChars: number;
                                maxChars: number;
                                maxImageBytes: number;
                                maxImages: number;
                                postsPerMinutePerChannel: number;
                                supportsContentWarning: boolean;
                                supportsThreads: boolean;
                                supportsVisibility: boolean;
                            } | null;
                            mediaByUrlProblem: {
                                /** @enum {string} */
                                code: "public_url_missing" | "public_url_not_public";
                                message: string;
                            } | null;
                            name: string;
                            network: string;
                            networkLabel: {
                                en: string;
                                es: string;
                            };
                            quota: {
                                buckets: {
                                    bucket: string;
                                    limit: number;
                                    used: number;
                                }[];
                                day: string;
                                resetsAt: string;
                            } | null;
                            settings: {
                                [key: string]: unknown;
                            };
                            signIn: boolean;
                            simulated: boolean;
                            /** @enum {string} */
                            status: "active" | "needs_reconnect" | "disconnected";
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/channels/{channelId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One channel */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channelId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account: {
                                [key: string]: unknown;
                            } | null;
                            apiCost?: {
                                /** @enum {string} */
                                currency: "USD";
                                month: string;
                                publications: number;
                                total: number;
                            } | null;
                            capabilities: {
                                /** @enum {string} */
                                charCounting: "graphemes" | "code-points" | "utf16" | "x-weighted" | "utf8-emoji";
                                firstComment: boolean;
                                maxCarouselItems: number;
                                maxDocumentBytes?: number;
                                mediaByUrl: boolean;
                                options: {
                                    choicesFromAccount?: boolean;
                                    default?: string | boolean;
                                    /** @enum {string} */
                                    kind: "select" | "boolean" | "text";
                                    label: {
                                        en: string;
                                        es: string;
                                    };
                                    name: string;
                                    postTypes?: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document")[];
                                    valueLabels?: {
                                        [key: string]: {
                                            en: string;
                                            es: string;
                                        };
                                    };
                                    values?: string[];
                                }[];
                                postTypes: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document")[];
                                video?: {
                                    codecs: string[];
                                    containers: string[];
                                    maxAspectRatio: number;
                                    maxBytes: number;
                                    maxDurationSeconds: number;
                                    minAspectRatio: number;
                                    minDurationSeconds: number;
                                };
                            } | null;
                            connectionExpiresAt: (string) | null;
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            lastCheckedAt: (string) | null;
                            lastError: string | null;
                            lastErrorCode: string | null;
                            limits: {
                                acceptedImageTypes: string[];
                                maxAltChars: number;
                                maxChars: number;
                                maxImageBytes: number;
                                maxImages: number;
                                postsPerMinutePerChannel: number;
                                supportsContentWarning: boolean;
                                supportsThreads: boolean;
                                supportsVisibility: boolean;
                            } | null;
                            mediaByUrlProblem: {
                                /** @enum {string} */
                                code: "public_url_missing" | "public_url_not_public";
                                message: string;
                            } | null;
                            name: string;
                            network: string;
                            networkLabel: {
                                en: string;
                                es: string;
                            };
                            quota: {
                                buckets: {
                                    bucket: string;
                                    limit: number;
                                    used: number;
                                }[];
                                day: string;
                                resetsAt: string;
                            } | null;
                            settings: {
                                [key: string]: unknown;
                            };
                            signIn: boolean;
                            simulated: boolean;
                            /** @enum {string} */
                            status: "active" | "needs_reconnect" | "disconnected";
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Disconnect: credentials are erased, scheduled publications canceled, history kept */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channelId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename, or reconnect with new credentials (checked before saving) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channelId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        fields?: {
                            [key: string]: string | number | boolean;
                        };
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account: {
                                [key: string]: unknown;
                            } | null;
                            apiCost?: {
                                /** @enum {string} */
                                currency: "USD";
                                month: string;
                                publications: number;
                                total: number;
                            } | null;
                            capabilities: {
                                /** @enum {string} */
                                charCounting: "graphemes" | "code-points" | "utf16" | "x-weighted" | "utf8-emoji";
                                firstComment: boolean;
                                maxCarouselItems: number;
                                maxDocumentBytes?: number;
                                mediaByUrl: boolean;
                                options: {
                                    choicesFromAccount?: boolean;
                                    default?: string | boolean;
                                    /** @enum {string} */
                                    kind: "select" | "boolean" | "text";
                                    label: {
                                        en: string;
                                        es: string;
                                    };
                                    name: string;
                                    postTypes?: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document")[];
                                    valueLabels?: {
                                        [key: string]: {
                                            en: string;
                                            es: string;
                                        };
                                    };
                                    values?: string[];
                                }[];
                                postTypes: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document")[];
                                video?: {
                                    codecs: string[];
                                    containers: string[];
                                    maxAspectRatio: number;
                                    maxBytes: number;
                                    maxDurationSeconds: number;
                                    minAspectRatio: number;
                                    minDurationSeconds: number;
                                };
                            } | null;
                            connectionExpiresAt: (string) | null;
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            lastCheckedAt: (string) | null;
                            lastError: string | null;
                            lastErrorCode: string | null;
                            limits: {
                                acceptedImageTypes: string[];
                                maxAltChars: number;
                                maxChars: number;
                                maxImageBytes: number;
                                maxImages: number;
                                postsPerMinutePerChannel: number;
                                supportsContentWarning: boolean;
                                supportsThreads: boolean;
                                supportsVisibility: boolean;
                            } | null;
                            mediaByUrlProblem: {
                                /** @enum {string} */
                                code: "public_url_missing" | "public_url_not_public";
                                message: string;
                            } | null;
                            name: string;
                            network: string;
                            networkLabel: {
                                en: string;
                                es: string;
                            };
                            quota: {
                                buckets: {
                                    bucket: string;
                                    limit: number;
                                    used: number;
                                }[];
                                day: string;
                                resetsAt: string;
                            } | null;
                            settings: {
                                [key: string]: unknown;
                            };
                            signIn: boolean;
                            simulated: boolean;
                            /** @enum {string} */
                            status: "active" | "needs_reconnect" | "disconnected";
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/channels/{channelId}/options/{option}/choices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The values the account offers for an option (WordPress: the site’s categories or tags), most used first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channelId: string;
                    option: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                count?: number;
                                value: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/channels/{channelId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check the connection now */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channelId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channel: {
                                account: {
                                    [key: string]: unknown;
                                } | null;
                                apiCost?: {
                                    /** @enum {string} */
                                    currency: "USD";
                                    month: string;
                                    publications: number;
                                    total: number;
                                } | null;
                                capabilities: {
                                    /** @enum {string} */
                                    charCounting: "graphemes" | "code-points" | "utf16" | "x-weighted" | "utf8-emoji";
                                    firstComment: boolean;
                                    maxCarouselItems: number;
                                    maxDocumentBytes?: number;
                                    mediaByUrl: boolean;
                                    options: {
                                        choicesFromAccount?: boolean;
                                        default?: string | boolean;
                                        /** @enum {string} */
                                        kind: "select" | "boolean" | "text";
                                        label: {
                                            en: string;
                                            es: string;
                                        };
                                        name: string;
                                        postTypes?: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document")[];
                                        valueLabels?: {
                                            [key: string]: {
                                                en: string;
                                                es: string;
                                            };
                                        };
                                        values?: string[];
                                    }[];
                                    postTypes: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document")[];
                                    video?: {
                                        codecs: string[];
                                        containers: string[];
                                        maxAspectRatio: number;
                                        maxBytes: number;
                                        maxDurationSeconds: number;
                                        minAspectRatio: number;
                                        minDurationSeconds: number;
                                    };
                                } | null;
                                connectionExpiresAt: (string) | null;
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                lastCheckedAt: (string) | null;
                                lastError: string | null;
                                lastErrorCode: string | null;
                                limits: {
                                    acceptedImageTypes: string[];
                                    maxAltChars: number;
                                    maxChars: number;
                                    maxImageBytes: number;
                                    maxImages: number;
                                    postsPerMinutePerChannel: number;
                                    supportsContentWarning: boolean;
                                    supportsThreads: boolean;
                                    supportsVisibility: boolean;
                                } | null;
                                mediaByUrlProblem: {
                                    /** @enum {string} */
                                    code: "public_url_missing" | "public_url_not_public";
                                    message: string;
                                } | null;
                                name: string;
                                network: string;
                                networkLabel: {
                                    en: string;
                                    es: string;
                                };
                                quota: {
                                    buckets: {
                                        bucket: string;
                                        limit: number;
                                        used: number;
                                    }[];
                                    day: string;
                                    resetsAt: string;
                                } | null;
                                settings: {
                                    [key: string]: unknown;
                                };
                                signIn: boolean;
                                simulated: boolean;
                                /** @enum {string} */
                                status: "active" | "needs_reconnect" | "disconnected";
                                /** Format: uuid */
                                workspaceId: string;
                            };
                            health: {
                                account?: {
                                    displayName?: string;
                                    followers?: number;
                                    handle: string;
                                    id: string;
                                };
                                error?: {
                                    code: string;
                                    /** @enum {string} */
                                    kind?: "transient" | "rate_limited" | "ambiguous" | "auth" | "permanent";
                                    message: string;
                                };
                                ok: boolean;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/client-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Client approval links, newest first, with how many posts each client approved and rejected */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                approved: number;
                                clientName: string;
                                createdAt: string;
                                createdByName: string | null;
                                expiresAt: string;
                                firstDay: string;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                language: "es" | "en";
                                lastDay: string;
                                rejected: number;
                                revokedAt: (string) | null;
                                /** @enum {string} */
                                status: "active" | "expired" | "revoked";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a link for a client to approve the posts of a period (brand-zone days); the URL is shown once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        clientName: string;
                        firstDay: string;
                        /**
                         * @default es
                         * @enum {string}
                         */
                        language?: "es" | "en";
                        lastDay: string;
                        /** @default 14 */
                        validDays?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clientName: string;
                            createdAt: string;
                            createdByName: string | null;
                            expiresAt: string;
                            firstDay: string;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            language: "es" | "en";
                            lastDay: string;
                            revokedAt: (string) | null;
                            /** @enum {string} */
                            status: "active" | "expired" | "revoked";
                            url: string;
                            urlWarning: {
                                base: string;
                                code: string;
                                message: string;
                            } | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/client-links/{linkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One client link with the verdicts given through it, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    linkId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clientName: string;
                            createdAt: string;
                            createdByName: string | null;
                            decisions: {
                                comment: string;
                                decidedAt: string;
                                /** @enum {string} */
                                decision: "approved" | "rejected";
                                postContent: string;
                                /** Format: uuid */
                                postId: string;
                                /** @enum {string} */
                                postState: "draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                                scheduledAt: (string) | null;
                            }[];
                            expiresAt: string;
                            firstDay: string;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            language: "es" | "en";
                            lastDay: string;
                            revokedAt: (string) | null;
                            /** @enum {string} */
                            status: "active" | "expired" | "revoked";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Revoke a client link at once */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    linkId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Contacts, most recently changed first: by stage, label, or a search of names, handles, e-mails and websites (accents ignored) */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    label?: string;
                    limit?: number;
                    q?: string;
                    stage?: "follower" | "prospect" | "lead" | "customer";
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                customFields: {
                                    [key: string]: string;
                                };
                                displayName: string;
                                email: string | null;
                                /** Format: uuid */
                                id: string;
                                identities: {
                                    displayName: string | null;
                                    firstSeenAt: string;
                                    handle: string;
                                    /** Format: uuid */
                                    id: string;
                                    network: string;
                                    profileUrl: string | null;
                                    seenInInbox: boolean;
                                }[];
                                labels: string[];
                                notes: string;
                                /** @enum {string} */
                                stage: "follower" | "prospect" | "lead" | "customer";
                                stageChangedAt: string;
                                updatedAt: string;
                                value: number | null;
                                website: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/contacts/{contactId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A contact’s profile: identities, messages, engagement with our posts, labels, notes, custom fields, stage moves */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contactId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            currency: string;
                            customFields: {
                                [key: string]: string;
                            };
                            displayName: string;
                            email: string | null;
                            engagement: {
                                byKind: {
                                    [key: string]: number;
                                };
                                conversations: number;
                                firstMessageAt: (string) | null;
                                lastMessageAt: (string) | null;
                                messages: number;
                                onOurPosts: number;
                                postsEngaged: number;
                            };
                            history: {
                                channelName: string;
                                /** Format: uuid */
                                conversationId: string;
                                createdAt: string;
                                deleted: boolean;
                                /** Format: uuid */
                                itemId: string;
                                kind: string;
                                network: string;
                                onOurPost: boolean;
                                sentiment: string | null;
                                text: string;
                                url: string | null;
                            }[];
                            /** Format: uuid */
                            id: string;
                            identities: {
                                displayName: string | null;
                                firstSeenAt: string;
                                handle: string;
                                /** Format: uuid */
                                id: string;
                                network: string;
                                profileUrl: string | null;
                                seenInInbox: boolean;
                            }[];
                            labels: string[];
                            notes: string;
                            /** @enum {string} */
                            stage: "follower" | "prospect" | "lead" | "customer";
                            stageChangedAt: string;
                            stageHistory: {
                                actorName: string | null;
                                actorUserId: string | null;
                                createdAt: string;
                                fromStage: ("follower" | "prospect" | "lead" | "customer") | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                toStage: "follower" | "prospect" | "lead" | "customer";
                            }[];
                            updatedAt: string;
                            value: number | null;
                            website: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Erase this person on request: the contact and the personal data of their inbox messages (docs/contacts.md says what) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contactId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversations: number;
                            identities: number;
                            items: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Edit a contact: name, e-mail, website, value, labels, notes, custom fields */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contactId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        customFields?: {
                            [key: string]: string;
                        };
                        displayName?: string;
                        email?: string | null;
                        labels?: string[];
                        notes?: string;
                        value?: number | null;
                        website?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            currency: string;
                            customFields: {
                                [key: string]: string;
                            };
                            displayName: string;
                            email: string | null;
                            engagement: {
                                byKind: {
                                    [key: string]: number;
                                };
                                conversations: number;
                                firstMessageAt: (string) | null;
                                lastMessageAt: (string) | null;
                                messages: number;
                                onOurPosts: number;
                                postsEngaged: number;
                            };
                            history: {
                                channelName: string;
                                /** Format: uuid */
                                conversationId: string;
                                createdAt: string;
                                deleted: boolean;
                                /** Format: uuid */
                                itemId: string;
                                kind: string;
                                network: string;
                                onOurPost: boolean;
                                sentiment: string | null;
                                text: string;
                                url: string | null;
                            }[];
                            /** Format: uuid */
                            id: string;
                            identities: {
                                displayName: string | null;
                                firstSeenAt: string;
                                handle: string;
                                /** Format: uuid */
                                id: string;
                                network: string;
                                profileUrl: string | null;
                                seenInInbox: boolean;
                            }[];
                            labels: string[];
                            notes: string;
                            /** @enum {string} */
                            stage: "follower" | "prospect" | "lead" | "customer";
                            stageChangedAt: string;
                            stageHistory: {
                                actorName: string | null;
                                actorUserId: string | null;
                                createdAt: string;
                                fromStage: ("follower" | "prospect" | "lead" | "customer") | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                toStage: "follower" | "prospect" | "lead" | "customer";
                            }[];
                            updatedAt: string;
                            value: number | null;
                            website: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/contacts/{contactId}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everything Plaza holds about this person, as JSON (a data access request) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contactId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contact: {
                                createdAt: string;
                                currency: string;
                                customFields: {
                                    [key: string]: string;
                                };
                                displayName: string;
                                email: string | null;
                                engagement: {
                                    byKind: {
                                        [key: string]: number;
                                    };
                                    conversations: number;
                                    firstMessageAt: (string) | null;
                                    lastMessageAt: (string) | null;
                                    messages: number;
                                    onOurPosts: number;
                                    postsEngaged: number;
                                };
                                /** Format: uuid */
                                id: string;
                                identities: {
                                    displayName: string | null;
                                    firstSeenAt: string;
                                    handle: string;
                                    /** Format: uuid */
                                    id: string;
                                    network: string;
                                    profileUrl: string | null;
                                    seenInInbox: boolean;
                                }[];
                                labels: string[];
                                notes: string;
                                /** @enum {string} */
                                stage: "follower" | "prospect" | "lead" | "customer";
                                stageChangedAt: string;
                                stageHistory: {
                                    actorName: string | null;
                                    actorUserId: string | null;
                                    createdAt: string;
                                    fromStage: ("follower" | "prospect" | "lead" | "customer") | null;
                                    /** Format: uuid */
                                    id: string;
                                    /** @enum {string} */
                                    toStage: "follower" | "prospect" | "lead" | "customer";
                                }[];
                                updatedAt: string;
                                value: number | null;
                                website: string | null;
                            };
                            exportedAt: string;
                            messages: {
                                /** Format: uuid */
                                conversationId: string;
                                createdAt: string;
                                handle: string;
                                /** Format: uuid */
                                itemId: string;
                                kind: string;
                                language: string | null;
                                name: string | null;
                                network: string;
                                profileUrl: string | null;
                                rating: number | null;
                                sentiment: string | null;
                                text: string;
                                url: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/contacts/{contactId}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Merge another contact of the workspace into this one (its identities, history, labels and notes move here) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contactId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        contactId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            currency: string;
                            customFields: {
                                [key: string]: string;
                            };
                            displayName: string;
                            email: string | null;
                            engagement: {
                                byKind: {
                                    [key: string]: number;
                                };
                                conversations: number;
                                firstMessageAt: (string) | null;
                                lastMessageAt: (string) | null;
                                messages: number;
                                onOurPosts: number;
                                postsEngaged: number;
                            };
                            history: {
                                channelName: string;
                                /** Format: uuid */
                                conversationId: string;
                                createdAt: string;
                                deleted: boolean;
                                /** Format: uuid */
                                itemId: string;
                                kind: string;
                                network: string;
                                onOurPost: boolean;
                                sentiment: string | null;
                                text: string;
                                url: string | null;
                            }[];
                            /** Format: uuid */
                            id: string;
                            identities: {
                                displayName: string | null;
                                firstSeenAt: string;
                                handle: string;
                                /** Format: uuid */
                                id: string;
                                network: string;
                                profileUrl: string | null;
                                seenInInbox: boolean;
                            }[];
                            labels: string[];
                            notes: string;
                            /** @enum {string} */
                            stage: "follower" | "prospect" | "lead" | "customer";
                            stageChangedAt: string;
                            stageHistory: {
                                actorName: string | null;
                                actorUserId: string | null;
                                createdAt: string;
                                fromStage: ("follower" | "prospect" | "lead" | "customer") | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                toStage: "follower" | "prospect" | "lead" | "customer";
                            }[];
                            updatedAt: string;
                            value: number | null;
                            website: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/contacts/{contactId}/split": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Split one identity off into a contact of its own; answers the new contact */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contactId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        identityId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            currency: string;
                            customFields: {
                                [key: string]: string;
                            };
                            displayName: string;
                            email: string | null;
                            engagement: {
                                byKind: {
                                    [key: string]: number;
                                };
                                conversations: number;
                                firstMessageAt: (string) | null;
                                lastMessageAt: (string) | null;
                                messages: number;
                                onOurPosts: number;
                                postsEngaged: number;
                            };
                            history: {
                                channelName: string;
                                /** Format: uuid */
                                conversationId: string;
                                createdAt: string;
                                deleted: boolean;
                                /** Format: uuid */
                                itemId: string;
                                kind: string;
                                network: string;
                                onOurPost: boolean;
                                sentiment: string | null;
                                text: string;
                                url: string | null;
                            }[];
                            /** Format: uuid */
                            id: string;
                            identities: {
                                displayName: string | null;
                                firstSeenAt: string;
                                handle: string;
                                /** Format: uuid */
                                id: string;
                                network: string;
                                profileUrl: string | null;
                                seenInInbox: boolean;
                            }[];
                            labels: string[];
                            notes: string;
                            /** @enum {string} */
                            stage: "follower" | "prospect" | "lead" | "customer";
                            stageChangedAt: string;
                            stageHistory: {
                                actorName: string | null;
                                actorUserId: string | null;
                                createdAt: string;
                                fromStage: ("follower" | "prospect" | "lead" | "customer") | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                toStage: "follower" | "prospect" | "lead" | "customer";
                            }[];
                            updatedAt: string;
                            value: number | null;
                            website: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/contacts/{contactId}/stage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Move a contact to a lifecycle stage (kept in its history with who moved it; webhook contact.stage_changed) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contactId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        stage: "follower" | "prospect" | "lead" | "customer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            currency: string;
                            customFields: {
                                [key: string]: string;
                            };
                            displayName: string;
                            email: string | null;
                            engagement: {
                                byKind: {
                                    [key: string]: number;
                                };
                                conversations: number;
                                firstMessageAt: (string) | null;
                                lastMessageAt: (string) | null;
                                messages: number;
                                onOurPosts: number;
                                postsEngaged: number;
                            };
                            history: {
                                channelName: string;
                                /** Format: uuid */
                                conversationId: string;
                                createdAt: string;
                                deleted: boolean;
                                /** Format: uuid */
                                itemId: string;
                                kind: string;
                                network: string;
                                onOurPost: boolean;
                                sentiment: string | null;
                                text: string;
                                url: string | null;
                            }[];
                            /** Format: uuid */
                            id: string;
                            identities: {
                                displayName: string | null;
                                firstSeenAt: string;
                                handle: string;
                                /** Format: uuid */
                                id: string;
                                network: string;
                                profileUrl: string | null;
                                seenInInbox: boolean;
                            }[];
                            labels: string[];
                            notes: string;
                            /** @enum {string} */
                            stage: "follower" | "prospect" | "lead" | "customer";
                            stageChangedAt: string;
                            stageHistory: {
                                actorName: string | null;
                                actorUserId: string | null;
                                createdAt: string;
                                fromStage: ("follower" | "prospect" | "lead" | "customer") | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                toStage: "follower" | "prospect" | "lead" | "customer";
                            }[];
                            updatedAt: string;
                            value: number | null;
                            website: string | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/contacts/board": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The lifecycle board: follower → prospect → lead → customer, each with its count, total value and latest moved contacts */
        get: {
            parameters: {
                query?: {
                    perStage?: number;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            currency: string;
                            stages: {
                                contacts: {
                                    createdAt: string;
                                    customFields: {
                                        [key: string]: string;
                                    };
                                    displayName: string;
                                    email: string | null;
                                    /** Format: uuid */
                                    id: string;
                                    identities: {
                                        displayName: string | null;
                                        firstSeenAt: string;
                                        handle: string;
                                        /** Format: uuid */
                                        id: string;
                                        network: string;
                                        profileUrl: string | null;
                                        seenInInbox: boolean;
                                    }[];
                                    labels: string[];
                                    notes: string;
                                    /** @enum {string} */
                                    stage: "follower" | "prospect" | "lead" | "customer";
                                    stageChangedAt: string;
                                    updatedAt: string;
                                    value: number | null;
                                    website: string | null;
                                }[];
                                count: number;
                                /** @enum {string} */
                                stage: "follower" | "prospect" | "lead" | "customer";
                                value: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/contacts/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every contact as CSV (the columns the import reads) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The contacts as CSV */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/contacts/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import contacts from CSV (all rows or none; a row with a known id or network:handle updates its contact) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        csv: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            updated: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/contacts/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create contacts now for every inbox author that has none (the worker does it every 15 s) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/contacts/suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Contacts that may be one person across networks: same handle, display name or website */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                contacts: {
                                    createdAt: string;
                                    customFields: {
                                        [key: string]: string;
                                    };
                                    displayName: string;
                                    email: string | null;
                                    /** Format: uuid */
                                    id: string;
                                    identities: {
                                        displayName: string | null;
                                        firstSeenAt: string;
                                        handle: string;
                                        /** Format: uuid */
                                        id: string;
                                        network: string;
                                        profileUrl: string | null;
                                        seenInInbox: boolean;
                                    }[];
                                    labels: string[];
                                    notes: string;
                                    /** @enum {string} */
                                    stage: "follower" | "prospect" | "lead" | "customer";
                                    stageChangedAt: string;
                                    updatedAt: string;
                                    value: number | null;
                                    website: string | null;
                                }[];
                                reasons: ("handle" | "name" | "website")[];
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/conversion-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The conversion webhook secret and pixel URL of the workspace */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            pixelUrl: string;
                            secret: string;
                            urlWarning: {
                                base: string;
                                /** @enum {string} */
                                code: "public_url_unset";
                                message: string;
                            } | null;
                            webhookHeader: string;
                            webhookUrl: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/conversions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Conversions, newest first */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                campaignId: string | null;
                                channelId: string | null;
                                currency: string;
                                externalId: string | null;
                                /** Format: uuid */
                                id: string;
                                kind: string;
                                linkId: string | null;
                                objectiveId: string | null;
                                occurredAt: string;
                                postId: string | null;
                                source: string;
                                value: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Record a conversion by hand */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code?: string;
                        currency?: string;
                        externalId?: string;
                        kind?: string;
                        occurredAt?: string;
                        postId?: string;
                        utmCampaign?: string;
                        utmContent?: string;
                        value?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaignId: string | null;
                            duplicate: boolean;
                            /** Format: uuid */
                            id: string;
                            linkId: string | null;
                            objectiveId: string | null;
                            postId: string | null;
                            value: number;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaignId: string | null;
                            duplicate: boolean;
                            /** Format: uuid */
                            id: string;
                            linkId: string | null;
                            objectiveId: string | null;
                            postId: string | null;
                            value: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/conversions/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Server-to-server conversion (header x-plaza-conversion-key); attributed link → post → campaign → objective */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code?: string;
                        currency?: string;
                        externalId?: string;
                        kind?: string;
                        occurredAt?: string;
                        postId?: string;
                        utmCampaign?: string;
                        utmContent?: string;
                        value?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaignId: string | null;
                            duplicate: boolean;
                            /** Format: uuid */
                            id: string;
                            linkId: string | null;
                            objectiveId: string | null;
                            postId: string | null;
                            value: number;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaignId: string | null;
                            duplicate: boolean;
                            /** Format: uuid */
                            id: string;
                            linkId: string | null;
                            objectiveId: string | null;
                            postId: string | null;
                            value: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/costs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Costs */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                amount: number;
                                campaignId: string | null;
                                channelId: string | null;
                                currency: string;
                                /** Format: uuid */
                                id: string;
                                /** Format: date */
                                incurredOn: string;
                                note: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Record a cost for a campaign and/or channel */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amount: number;
                        campaignId?: string | null;
                        channelId?: string | null;
                        currency?: string;
                        incurredOn: string;
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            campaignId: string | null;
                            channelId: string | null;
                            currency: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: date */
                            incurredOn: string;
                            note: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/costs/{costId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a cost */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    costId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit log: every change, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    type?: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                actorName: string | null;
                                actorUserId: string | null;
                                createdAt: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                subjectId: string | null;
                                subjectType: string | null;
                                type: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/evergreen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Evergreen posts (shared again by queues that recycle) with their alternative texts, recycling queues, last and next re-share; and every queue with its recycling gap */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                content: string;
                                /** Format: uuid */
                                id: string;
                                lastSharedAt: (string) | null;
                                nextShareAt: (string) | null;
                                queues: {
                                    gapDays: number;
                                    /** Format: uuid */
                                    id: string;
                                    name: string;
                                    paused: boolean;
                                }[];
                                reshares: number;
                                scheduledAt: (string) | null;
                                state: string;
                                variants: string[];
                            }[];
                            queues: {
                                channelIds: string[];
                                gapDays: number | null;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                paused: boolean;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export the whole workspace as JSON (no secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channels: {
                                account: {
                                    [key: string]: unknown;
                                } | null;
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                network: string;
                                settings: {
                                    [key: string]: unknown;
                                };
                                status: string;
                            }[];
                            comments: {
                                authorId: string;
                                body: string;
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                kind: string;
                                /** Format: uuid */
                                postId: string;
                            }[];
                            events: {
                                actorUserId: string | null;
                                createdAt: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                subjectId: string | null;
                                subjectType: string | null;
                                type: string;
                            }[];
                            exportedAt: string;
                            /** @enum {string} */
                            format: "plaza-workspace-export";
                            media: {
                                createdAt: string;
                                height: number | null;
                                /** Format: uuid */
                                id: string;
                                mimeType: string;
                                sha256: string;
                                sizeBytes: number;
                                width: number | null;
                            }[];
                            members: {
                                email: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                /** @enum {string} */
                                role: "owner" | "manager" | "editor" | "approver" | "viewer";
                            }[];
                            posts: {
                                authorId: string | null;
                                campaignId: string | null;
                                content: string;
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                objectiveId: string | null;
                                pillarId: string | null;
                                scheduledAt: (string) | null;
                                segmentId: string | null;
                                state: string;
                                updatedAt: string;
                            }[];
                            publications: {
                                attempts: number;
                                /** Format: uuid */
                                channelId: string;
                                dueAt: (string) | null;
                                errorCode: string | null;
                                errorMessage: string | null;
                                /** Format: uuid */
                                id: string;
                                media: {
                                    alt?: string;
                                    mediaId: string;
                                }[];
                                network: string;
                                options: {
                                    [key: string]: unknown;
                                };
                                /** Format: uuid */
                                postId: string;
                                publishedAt: (string) | null;
                                remoteId: string | null;
                                remoteUrl: string | null;
                                state: string;
                                text: string;
                                thread: {
                                    media: {
                                        alt?: string;
                                        mediaId: string;
                                    }[];
                                    text: string;
                                }[];
                            }[];
                            /** @enum {number} */
                            version: 1;
                            workspace: {
                                approvalRequired: boolean;
                                createdAt: string;
                                currency: string;
                                /** Format: uuid */
                                id: string;
                                language: string;
                                missedGraceMinutes: number;
                                name: string;
                                timeZone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/feeds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Feeds with their settings, last read and problem */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                campaignId: string | null;
                                channelIds: string[];
                                createdAt: string;
                                /** @enum {string} */
                                destination: "draft" | "review" | "queue";
                                /** Format: uuid */
                                id: string;
                                intervalMinutes: number;
                                itemsFailed: number;
                                itemsPosted: number;
                                lastError: string | null;
                                lastErrorCode: string | null;
                                lastPolledAt: (string) | null;
                                name: string;
                                nextPollAt: string;
                                paused: boolean;
                                queueId: string | null;
                                template: string;
                                trackLinks: boolean;
                                updatedAt: string;
                                url: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Follow an RSS or Atom feed: it is read at once (a web page, an answer over 5 MB or an unreachable address is refused, nothing stored) and its newest items become posts */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        campaignId?: string | null;
                        channelIds: string[];
                        /** @enum {string} */
                        destination?: "draft" | "review" | "queue";
                        intervalMinutes?: number;
                        name?: string;
                        paused?: boolean;
                        queueId?: string | null;
                        template?: string;
                        trackLinks?: boolean;
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaignId: string | null;
                            channelIds: string[];
                            createdAt: string;
                            /** @enum {string} */
                            destination: "draft" | "review" | "queue";
                            /** Format: uuid */
                            id: string;
                            intervalMinutes: number;
                            itemsFailed: number;
                            itemsPosted: number;
                            lastError: string | null;
                            lastErrorCode: string | null;
                            lastPolledAt: (string) | null;
                            name: string;
                            nextPollAt: string;
                            paused: boolean;
                            poll: {
                                created: number;
                                errorCode: string | null;
                                failed: number;
                                skipped: number;
                                /** @enum {string} */
                                status: "read" | "not_modified" | "failed";
                            };
                            queueId: string | null;
                            template: string;
                            trackLinks: boolean;
                            updatedAt: string;
                            url: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/feeds/{feedId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One feed with its latest items and the post each became */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    feedId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaignId: string | null;
                            channelIds: string[];
                            createdAt: string;
                            /** @enum {string} */
                            destination: "draft" | "review" | "queue";
                            /** Format: uuid */
                            id: string;
                            intervalMinutes: number;
                            items: {
                                createdAt: string;
                                errorCode: string | null;
                                guid: string;
                                /** Format: uuid */
                                id: string;
                                link: string | null;
                                postId: string | null;
                                postState: string | null;
                                publishedAt: (string) | null;
                                /** @enum {string} */
                                status: "posted" | "skipped" | "failed";
                                title: string;
                            }[];
                            itemsFailed: number;
                            itemsPosted: number;
                            lastError: string | null;
                            lastErrorCode: string | null;
                            lastPolledAt: (string) | null;
                            name: string;
                            nextPollAt: string;
                            paused: boolean;
                            queueId: string | null;
                            template: string;
                            trackLinks: boolean;
                            updatedAt: string;
                            url: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Stop following a feed (the posts it made stay) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    feedId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a feed: channels, template, destination, queue, tracked links, campaign, interval, pause */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    feedId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        campaignId?: string | null;
                        channelIds?: string[];
                        /** @enum {string} */
                        destination?: "draft" | "review" | "queue";
                        intervalMinutes?: number;
                        name?: string;
                        paused?: boolean;
                        queueId?: string | null;
                        template?: string;
                        trackLinks?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaignId: string | null;
                            channelIds: string[];
                            createdAt: string;
                            /** @enum {string} */
                            destination: "draft" | "review" | "queue";
                            /** Format: uuid */
                            id: string;
                            intervalMinutes: number;
                            items: {
                                createdAt: string;
                                errorCode: string | null;
                                guid: string;
                                /** Format: uuid */
                                id: string;
                                link: string | null;
                                postId: string | null;
                                postState: string | null;
                                publishedAt: (string) | null;
                                /** @enum {string} */
                                status: "posted" | "skipped" | "failed";
                                title: string;
                            }[];
                            itemsFailed: number;
                            itemsPosted: number;
                            lastError: string | null;
                            lastErrorCode: string | null;
                            lastPolledAt: (string) | null;
                            name: string;
                            nextPollAt: string;
                            paused: boolean;
                            queueId: string | null;
                            template: string;
                            trackLinks: boolean;
                            updatedAt: string;
                            url: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/feeds/{feedId}/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Read the feed now (conditional GET) and turn its new items into posts */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    feedId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            errorCode: string | null;
                            failed: number;
                            skipped: number;
                            /** @enum {string} */
                            status: "read" | "not_modified" | "failed";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/hashtag-suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Hashtags suggested from the brand’s own data, with evidence: its best-performing posts (engagement rate by followers, first 24 h) and listening’s current trends (growth over the last day) */
        get: {
            parameters: {
                query?: {
                    days?: number;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            days: number;
                            ownPosts: {
                                baselineRate: number;
                                items: {
                                    baselineRate: number;
                                    engagementRate: number;
                                    key: string;
                                    lift: number | null;
                                    posts: number;
                                    tag: string;
                                }[];
                                measuredPosts: number;
                                minPosts: number;
                            };
                            trends: {
                                historyWindows: number;
                                items: {
                                    before: number;
                                    growth: number;
                                    key: string;
                                    recent: number;
                                    tag: string;
                                }[];
                                mentionsRead: number;
                                minRecent: number;
                                windowHours: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/ideas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ideas board: its columns (idea → draft → in review → scheduled → published) and every card with its column */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            columns: ("idea" | "draft" | "in_review" | "scheduled" | "published")[];
                            items: {
                                authorName: string | null;
                                campaignId: string | null;
                                channelIds: string[];
                                /** @enum {string} */
                                column: "idea" | "draft" | "in_review" | "scheduled" | "published";
                                comments: number;
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                notes: string;
                                objectiveId: string | null;
                                pillarId: string | null;
                                position: number;
                                postId: string | null;
                                postScheduledAt: (string) | null;
                                postState: ("draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled") | null;
                                title: string;
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add an idea card, optionally tied to a pillar, campaign and objective and with the channels its post will go to */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        campaignId?: string | null;
                        channelIds?: string[];
                        notes?: string;
                        objectiveId?: string | null;
                        pillarId?: string | null;
                        position?: number;
                        title: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorName: string | null;
                            campaignId: string | null;
                            channelIds: string[];
                            /** @enum {string} */
                            column: "idea" | "draft" | "in_review" | "scheduled" | "published";
                            commentList: {
                                authorId: string | null;
                                authorName: string | null;
                                body: string;
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                            }[];
                            comments: number;
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            notes: string;
                            objectiveId: string | null;
                            pillarId: string | null;
                            position: number;
                            postId: string | null;
                            postScheduledAt: (string) | null;
                            postState: ("draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled") | null;
                            title: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/ideas/{ideaId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One idea card with its comments */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ideaId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorName: string | null;
                            campaignId: string | null;
                            channelIds: string[];
                            /** @enum {string} */
                            column: "idea" | "draft" | "in_review" | "scheduled" | "published";
                            commentList: {
                                authorId: string | null;
                                authorName: string | null;
                                body: string;
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                            }[];
                            comments: number;
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            notes: string;
                            objectiveId: string | null;
                            pillarId: string | null;
                            position: number;
                            postId: string | null;
                            postScheduledAt: (string) | null;
                            postState: ("draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled") | null;
                            title: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an idea card (a post made from it stays) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ideaId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Edit an idea: title, notes, pillar, campaign, objective, channels, place on the board */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ideaId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        campaignId?: string | null;
                        channelIds?: string[];
                        notes?: string;
                        objectiveId?: string | null;
                        pillarId?: string | null;
                        position?: number;
                        title?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorName: string | null;
                            campaignId: string | null;
                            channelIds: string[];
                            /** @enum {string} */
                            column: "idea" | "draft" | "in_review" | "scheduled" | "published";
                            commentList: {
                                authorId: string | null;
                                authorName: string | null;
                                body: string;
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                            }[];
                            comments: number;
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            notes: string;
                            objectiveId: string | null;
                            pillarId: string | null;
                            position: number;
                            postId: string | null;
                            postScheduledAt: (string) | null;
                            postState: ("draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled") | null;
                            title: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/ideas/{ideaId}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Comment on an idea card */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ideaId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorId: string | null;
                            authorName: string | null;
                            body: string;
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/ideas/{ideaId}/move": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a card on the board: idea → draft makes its post, draft → in review submits it; within a column, its place */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ideaId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        channelIds?: string[];
                        /** @enum {string} */
                        column: "idea" | "draft" | "in_review" | "scheduled" | "published";
                        position?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            from: "idea" | "draft" | "in_review" | "scheduled" | "published";
                            postId: string | null;
                            /** @enum {string} */
                            to: "idea" | "draft" | "in_review" | "scheduled" | "published";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/ideas/{ideaId}/post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn an idea into a draft post in one step (its text, pillar, campaign, objective; its channels unless others are given) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ideaId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        channelIds?: string[];
                        content?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            ideaId: string;
                            /** Format: uuid */
                            postId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each channel’s inbox: what its network allows, backfill progress, last read and its error */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @enum {string} */
                                backfill: "pending" | "running" | "done" | "failed";
                                backfillItems: number;
                                capabilities: {
                                    actions: ("reply" | "private_reply" | "direct_message" | "like" | "unlike" | "hide" | "unhide" | "delete" | "mute" | "block")[];
                                    kinds: ("comment" | "reply" | "mention" | "quote" | "direct_message" | "review")[];
                                    maxReplyChars: number | null;
                                    messagingWindowHours: number | null;
                                    push: boolean;
                                } | null;
                                /** Format: uuid */
                                channelId: string;
                                lastErrorCode: string | null;
                                lastPolledAt: (string) | null;
                                name: string;
                                network: string;
                                pushConfigured: boolean;
                                status: string;
                                unavailableCode: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/channels/{channelId}/push-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new push (webhook) secret for a channel whose network pushes; shown once with the address to give the network. Send `secret` when the network signs with a secret of its own (Meta: the app secret); `verifyToken` answers its address check. Networks Plaza registers pushes with itself (Telegram: setWebhook) are told the address first: PUBLIC_URL must be HTTPS (`inbox_push_public_url_required`), and a refusal is `inbox_push_register_failed` with nothing kept */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channelId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        secret?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            secret: string;
                            url: string;
                            verifyToken: string | null;
                        };
                    };
                };
            };
        };
        /** Stops a channel’s pushes: forgets its push secret (pushes are refused from then on) after telling the network when Plaza registered them (Telegram: deleteWebhook); polling goes on. 404 when the channel takes no pushes */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channelId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/channels/{channelId}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Read a channel’s inbox now (the first read backfills the last 30 days) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channelId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            backfill: "pending" | "running" | "done" | "failed";
                            /** Format: uuid */
                            channelId: string;
                            created: number;
                            duplicates: number;
                            errorCode?: string;
                            pages: number;
                            skipped?: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Conversations, newest message first: views all / mine / unassigned, by channel, type, label, state; search ignores accents */
        get: {
            parameters: {
                query?: {
                    channelId?: string;
                    cursor?: string;
                    kind?: "comment" | "reply" | "mention" | "quote" | "direct_message" | "review";
                    label?: string;
                    limit?: number;
                    q?: string;
                    state?: "active" | "any" | "new" | "open" | "pending" | "resolved";
                    view?: "all" | "mine" | "unassigned";
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                assigneeName: string | null;
                                assigneeUserId: string | null;
                                authorHandle: string;
                                authorName: string | null;
                                /** Format: uuid */
                                channelId: string;
                                channelName: string;
                                createdAt: string;
                                dueAt: (string) | null;
                                firstResponseAt: (string) | null;
                                /** Format: uuid */
                                id: string;
                                itemCount: number;
                                kind: string;
                                labels: string[];
                                lastInboundAt: (string) | null;
                                lastMessageAt: string;
                                network: string;
                                overdue: boolean;
                                preview: string;
                                /** @enum {string} */
                                priority: "low" | "normal" | "high" | "urgent";
                                resolvedAt: (string) | null;
                                sentiment: ("positive" | "neutral" | "negative") | null;
                                /** @enum {string} */
                                state: "new" | "open" | "pending" | "resolved";
                                threadRemoteId: string;
                                unreadCount: number;
                                waitingSince: (string) | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/conversations/{conversationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A conversation with its messages (oldest first), replies sent from Plaza, internal notes and what its network allows */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    conversationId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assigneeName: string | null;
                            assigneeUserId: string | null;
                            authorHandle: string;
                            authorName: string | null;
                            capabilities: {
                                actions: ("reply" | "private_reply" | "direct_message" | "like" | "unlike" | "hide" | "unhide" | "delete" | "mute" | "block")[];
                                kinds: ("comment" | "reply" | "mention" | "quote" | "direct_message" | "review")[];
                                maxReplyChars: number | null;
                                messagingWindowHours: number | null;
                                push: boolean;
                            } | null;
                            /** Format: uuid */
                            channelId: string;
                            channelName: string;
                            channelStatus: string;
                            createdAt: string;
                            dueAt: (string) | null;
                            firstResponseAt: (string) | null;
                            /** Format: uuid */
                            id: string;
                            itemCount: number;
                            items: {
                                authorHandle: string;
                                authorId: string;
                                authorName: string | null;
                                authorUrl: string | null;
                                createdAt: string;
                                deleted: boolean;
                                /** @enum {string} */
                                direction: "inbound" | "outbound";
                                hidden: boolean;
                                /** Format: uuid */
                                id: string;
                                inReplyToRemoteId: string | null;
                                kind: string;
                                language: string | null;
                                liked: boolean;
                                postRemoteId: string | null;
                                rating: number | null;
                                receivedVia: string;
                                remoteId: string;
                                ruleId: string | null;
                                sentiment: ("positive" | "neutral" | "negative") | null;
                                sentimentManual: boolean;
                                text: string;
                                url: string | null;
                            }[];
                            kind: string;
                            labels: string[];
                            lastInboundAt: (string) | null;
                            lastMessageAt: string;
                            network: string;
                            notes: {
                                authorName: string | null;
                                authorUserId: string | null;
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                mentionedUserIds: string[];
                                text: string;
                            }[];
                            overdue: boolean;
                            preview: string;
                            /** @enum {string} */
                            priority: "low" | "normal" | "high" | "urgent";
                            replies: {
                                attempts: number;
                                authorName: string | null;
                                authorUserId: string | null;
                                /** Format: uuid */
                                conversationId: string;
                                createdAt: string;
                                errorCode: string | null;
                                errorMessage: string | null;
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                itemId: string;
                                /** @enum {string} */
                                mode: "public" | "private" | "direct_message";
                                remoteId: string | null;
                                remoteUrl: string | null;
                                sentAt: (string) | null;
                                /** @enum {string} */
                                state: "queued" | "sending" | "sent" | "failed";
                                text: string;
                            }[];
                            resolvedAt: (string) | null;
                            sentiment: ("positive" | "neutral" | "negative") | null;
                            /** @enum {string} */
                            state: "new" | "open" | "pending" | "resolved";
                            threadRemoteId: string;
                            unreadCount: number;
                            waitingSince: (string) | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change state (resolve, reopen), assignee, priority, labels, or mark read */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    conversationId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        assigneeUserId?: string | null;
                        labels?: string[];
                        /** @enum {string} */
                        priority?: "low" | "normal" | "high" | "urgent";
                        read?: boolean;
                        /** @enum {string} */
                        state?: "new" | "open" | "pending" | "resolved";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assigneeName: string | null;
                            assigneeUserId: string | null;
                            authorHandle: string;
                            authorName: string | null;
                            /** Format: uuid */
                            channelId: string;
                            channelName: string;
                            createdAt: string;
                            dueAt: (string) | null;
                            firstResponseAt: (string) | null;
                            /** Format: uuid */
                            id: string;
                            itemCount: number;
                            kind: string;
                            labels: string[];
                            lastInboundAt: (string) | null;
                            lastMessageAt: string;
                            network: string;
                            overdue: boolean;
                            preview: string;
                            /** @enum {string} */
                            priority: "low" | "normal" | "high" | "urgent";
                            resolvedAt: (string) | null;
                            sentiment: ("positive" | "neutral" | "negative") | null;
                            /** @enum {string} */
                            state: "new" | "open" | "pending" | "resolved";
                            threadRemoteId: string;
                            unreadCount: number;
                            waitingSince: (string) | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/conversations/{conversationId}/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The people of a conversation, each with their profile (linked to a contact the first time it is asked) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    conversationId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                currency: string;
                                customFields: {
                                    [key: string]: string;
                                };
                                displayName: string;
                                email: string | null;
                                engagement: {
                                    byKind: {
                                        [key: string]: number;
                                    };
                                    conversations: number;
                                    firstMessageAt: (string) | null;
                                    lastMessageAt: (string) | null;
                                    messages: number;
                                    onOurPosts: number;
                                    postsEngaged: number;
                                };
                                history: {
                                    channelName: string;
                                    /** Format: uuid */
                                    conversationId: string;
                                    createdAt: string;
                                    deleted: boolean;
                                    /** Format: uuid */
                                    itemId: string;
                                    kind: string;
                                    network: string;
                                    onOurPost: boolean;
                                    sentiment: string | null;
                                    text: string;
                                    url: string | null;
                                }[];
                                /** Format: uuid */
                                id: string;
                                identities: {
                                    displayName: string | null;
                                    firstSeenAt: string;
                                    handle: string;
                                    /** Format: uuid */
                                    id: string;
                                    network: string;
                                    profileUrl: string | null;
                                    seenInInbox: boolean;
                                }[];
                                labels: string[];
                                notes: string;
                                /** @enum {string} */
                                stage: "follower" | "prospect" | "lead" | "customer";
                                stageChangedAt: string;
                                stageHistory: {
                                    actorName: string | null;
                                    actorUserId: string | null;
                                    createdAt: string;
                                    fromStage: ("follower" | "prospect" | "lead" | "customer") | null;
                                    /** Format: uuid */
                                    id: string;
                                    /** @enum {string} */
                                    toStage: "follower" | "prospect" | "lead" | "customer";
                                }[];
                                updatedAt: string;
                                value: number | null;
                                website: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/conversations/{conversationId}/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A tracked short link for a reply (UTM source inbox, content = the conversation), to insert in the reply box */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    conversationId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uri */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            destinationUrl: string;
                            /** Format: uuid */
                            id: string;
                            shortUrl: string;
                            targetUrl: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/conversations/{conversationId}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An internal note (never sent); teammates mentioned as @Name are notified */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    conversationId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorName: string | null;
                            authorUserId: string | null;
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            mentionedUserIds: string[];
                            text: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/conversations/{conversationId}/replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer (public, private or direct message, as the network allows); sent exactly once in the background. 409 inbox_already_answered shows a teammate’s reply (send with force to answer anyway) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    conversationId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        force?: boolean;
                        /** Format: uuid */
                        itemId?: string;
                        /** @enum {string} */
                        mode?: "public" | "private" | "direct_message";
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            authorName: string | null;
                            authorUserId: string | null;
                            /** Format: uuid */
                            conversationId: string;
                            createdAt: string;
                            errorCode: string | null;
                            errorMessage: string | null;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            itemId: string;
                            /** @enum {string} */
                            mode: "public" | "private" | "direct_message";
                            remoteId: string | null;
                            remoteUrl: string | null;
                            sentAt: (string) | null;
                            /** @enum {string} */
                            state: "queued" | "sending" | "sent" | "failed";
                            text: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/conversations/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The same change on up to 200 conversations: resolve, reopen, assign, priority, add labels, mark read */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        addLabels?: string[];
                        assigneeUserId?: string | null;
                        conversationIds: string[];
                        /** @enum {string} */
                        priority?: "low" | "normal" | "high" | "urgent";
                        read?: boolean;
                        /** @enum {string} */
                        state?: "new" | "open" | "pending" | "resolved";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Unread conversations per view and per channel (not resolved), and open conversations */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: number;
                            all: number;
                            byChannel: {
                                /** Format: uuid */
                                channelId: string;
                                unread: number;
                            }[];
                            mine: number;
                            unassigned: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/items/{itemId}/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Like, unlike, hide, unhide, delete a message, or mute or block its author, where the network allows it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    itemId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        action: "like" | "unlike" | "hide" | "unhide" | "delete" | "mute" | "block";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/items/{itemId}/sentiment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Correct a message’s sentiment (kept over the classifier) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    itemId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        sentiment: "positive" | "neutral" | "negative";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorHandle: string;
                            authorId: string;
                            authorName: string | null;
                            authorUrl: string | null;
                            createdAt: string;
                            deleted: boolean;
                            /** @enum {string} */
                            direction: "inbound" | "outbound";
                            hidden: boolean;
                            /** Format: uuid */
                            id: string;
                            inReplyToRemoteId: string | null;
                            kind: string;
                            language: string | null;
                            liked: boolean;
                            postRemoteId: string | null;
                            rating: number | null;
                            receivedVia: string;
                            remoteId: string;
                            ruleId: string | null;
                            sentiment: ("positive" | "neutral" | "negative") | null;
                            sentimentManual: boolean;
                            text: string;
                            url: string | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/reports/service": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Service report of brand days (default: the last 30): first response and reply times (median, mean; calendar and business minutes), share within target, response rate, volume, per teammate */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date */
                            firstDay: string;
                            firstResponse: {
                                business: {
                                    count: number;
                                    mean: number | null;
                                    median: number | null;
                                };
                                calendar: {
                                    count: number;
                                    mean: number | null;
                                    median: number | null;
                                };
                            };
                            from: string;
                            inbound: number;
                            /** Format: date */
                            lastDay: string;
                            perTeammate: {
                                name: string;
                                replies: number;
                                resolved: number;
                                userId: string;
                            }[];
                            replies: number;
                            replyTime: {
                                business: {
                                    count: number;
                                    mean: number | null;
                                    median: number | null;
                                };
                                calendar: {
                                    count: number;
                                    mean: number | null;
                                    median: number | null;
                                };
                            };
                            responseRate: {
                                answered: number;
                                conversations: number;
                                share: number | null;
                            };
                            targets: {
                                high: number;
                                low: number;
                                normal: number;
                                urgent: number;
                            };
                            timeZone: string;
                            to: string;
                            volume: {
                                byKind: {
                                    count: number;
                                    key: string;
                                }[];
                                byLabel: {
                                    count: number;
                                    key: string;
                                }[];
                                byNetwork: {
                                    count: number;
                                    key: string;
                                }[];
                                bySentiment: {
                                    count: number;
                                    key: string;
                                }[];
                            };
                            withinTarget: {
                                answered: number;
                                share: number | null;
                                within: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/reports/service.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The service report as CSV (section, key, value) */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description CSV, UTF-8 */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/reports/service.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The service report as a PDF with charts, in Spanish or English (default: the workspace’s language) */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    language?: "en" | "es";
                    to?: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The service report as a PDF */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rules, in the order they are tried on each new message (the first that matches acts) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                actions: {
                                    [key: string]: unknown;
                                };
                                conditions: {
                                    contactStages?: string[];
                                    hasLink?: boolean;
                                    kinds?: ("comment" | "reply" | "mention" | "quote" | "direct_message" | "review")[];
                                    languages?: string[];
                                    networks?: string[];
                                    query?: string;
                                    sentiments?: ("positive" | "neutral" | "negative")[];
                                };
                                createdAt: string;
                                enabled: boolean;
                                /** Format: uuid */
                                id: string;
                                lastMatchedAt: (string) | null;
                                matchedCount: number;
                                name: string;
                                position: number;
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a rule at the end of the order; a malformed query is a 400 invalid_query with its position */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        actions: {
                            addLabels?: string[];
                            /** Format: uuid */
                            assignTo?: string;
                            hide?: boolean;
                            /** @enum {string} */
                            priority?: "low" | "normal" | "high" | "urgent";
                            resolve?: boolean;
                            /** Format: uuid */
                            savedReplyId?: string;
                        };
                        conditions: {
                            contactStages?: string[];
                            hasLink?: boolean;
                            kinds?: ("comment" | "reply" | "mention" | "quote" | "direct_message" | "review")[];
                            languages?: string[];
                            networks?: string[];
                            query?: string;
                            sentiments?: ("positive" | "neutral" | "negative")[];
                        };
                        /** @default true */
                        enabled?: boolean;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: {
                                [key: string]: unknown;
                            };
                            conditions: {
                                contactStages?: string[];
                                hasLink?: boolean;
                                kinds?: ("comment" | "reply" | "mention" | "quote" | "direct_message" | "review")[];
                                languages?: string[];
                                networks?: string[];
                                query?: string;
                                sentiments?: ("positive" | "neutral" | "negative")[];
                            };
                            createdAt: string;
                            enabled: boolean;
                            /** Format: uuid */
                            id: string;
                            lastMatchedAt: (string) | null;
                            matchedCount: number;
                            name: string;
                            position: number;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/rules/{ruleId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a rule */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ruleId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a rule: name, on/off, conditions, actions, or its place in the order (position, from 1) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ruleId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        actions?: {
                            addLabels?: string[];
                            /** Format: uuid */
                            assignTo?: string;
                            hide?: boolean;
                            /** @enum {string} */
                            priority?: "low" | "normal" | "high" | "urgent";
                            resolve?: boolean;
                            /** Format: uuid */
                            savedReplyId?: string;
                        };
                        conditions?: {
                            contactStages?: string[];
                            hasLink?: boolean;
                            kinds?: ("comment" | "reply" | "mention" | "quote" | "direct_message" | "review")[];
                            languages?: string[];
                            networks?: string[];
                            query?: string;
                            sentiments?: ("positive" | "neutral" | "negative")[];
                        };
                        /** @default true */
                        enabled?: boolean;
                        name?: string;
                        position?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: {
                                [key: string]: unknown;
                            };
                            conditions: {
                                contactStages?: string[];
                                hasLink?: boolean;
                                kinds?: ("comment" | "reply" | "mention" | "quote" | "direct_message" | "review")[];
                                languages?: string[];
                                networks?: string[];
                                query?: string;
                                sentiments?: ("positive" | "neutral" | "negative")[];
                            };
                            createdAt: string;
                            enabled: boolean;
                            /** Format: uuid */
                            id: string;
                            lastMatchedAt: (string) | null;
                            matchedCount: number;
                            name: string;
                            position: number;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/rules/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What a rule (saved, with ruleId, or not yet) would have done on the last 30 days: matches, how many it would act on (first match wins), examples */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default {} */
                        actions?: {
                            [key: string]: unknown;
                        };
                        conditions: {
                            contactStages?: string[];
                            hasLink?: boolean;
                            kinds?: ("comment" | "reply" | "mention" | "quote" | "direct_message" | "review")[];
                            languages?: string[];
                            networks?: string[];
                            query?: string;
                            sentiments?: ("positive" | "neutral" | "negative")[];
                        };
                        position?: number;
                        /** Format: uuid */
                        ruleId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversations: number;
                            matched: number;
                            matches: {
                                at: string;
                                authorHandle: string;
                                /** Format: uuid */
                                conversationId: string;
                                /** Format: uuid */
                                itemId: string;
                                kind: string;
                                network: string;
                                preview: string;
                                takenByRuleId: string | null;
                            }[];
                            scanned: number;
                            since: string;
                            truncated: boolean;
                            usesContactStage: boolean;
                            wouldAct: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/saved-replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Saved replies; with conversationId, each also filled in for it ({nombre}, {marca}; {enlace} stays for the reply box) */
        get: {
            parameters: {
                query?: {
                    conversationId?: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                filled: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                language: "es" | "en";
                                name: string;
                                text: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Save a reply (variables {nombre}, {marca}, {enlace}) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        language: "es" | "en";
                        name: string;
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            language: "es" | "en";
                            name: string;
                            text: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/saved-replies/{savedReplyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a saved reply */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    savedReplyId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Auto-replies (off by default), business hours (Monday first, brand zone) and answer targets per priority in business minutes */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            autoReplies: boolean;
                            businessHours: {
                                days: ({
                                    from: string;
                                    to: string;
                                } | null)[];
                            };
                            targets: {
                                high: number;
                                low: number;
                                normal: number;
                                urgent: number;
                            };
                            timeZone: string;
                        };
                    };
                };
            };
        };
        /** Set auto-replies, business hours and targets per priority */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        autoReplies: boolean;
                        businessHours: {
                            days: ({
                                from: string;
                                to: string;
                            } | null)[];
                        };
                        targets: {
                            high: number;
                            low: number;
                            normal: number;
                            urgent: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            autoReplies: boolean;
                            businessHours: {
                                days: ({
                                    from: string;
                                    to: string;
                                } | null)[];
                            };
                            targets: {
                                high: number;
                                low: number;
                                normal: number;
                                urgent: number;
                            };
                            timeZone: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/views": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Saved views: your own and the shared ones */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                filter: {
                                    /** Format: uuid */
                                    channelId?: string;
                                    /** @enum {string} */
                                    kind?: "comment" | "reply" | "mention" | "quote" | "direct_message" | "review";
                                    label?: string;
                                    q?: string;
                                    /** @enum {string} */
                                    state?: "active" | "any" | "new" | "open" | "pending" | "resolved";
                                    /** @enum {string} */
                                    view?: "all" | "mine" | "unassigned";
                                };
                                /** Format: uuid */
                                id: string;
                                name: string;
                                shared: boolean;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Save the list’s filter as a view (shared with the workspace: managers only) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        filter: {
                            /** Format: uuid */
                            channelId?: string;
                            /** @enum {string} */
                            kind?: "comment" | "reply" | "mention" | "quote" | "direct_message" | "review";
                            label?: string;
                            q?: string;
                            /** @enum {string} */
                            state?: "active" | "any" | "new" | "open" | "pending" | "resolved";
                            /** @enum {string} */
                            view?: "all" | "mine" | "unassigned";
                        };
                        name: string;
                        /** @default false */
                        shared?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            filter: {
                                /** Format: uuid */
                                channelId?: string;
                                /** @enum {string} */
                                kind?: "comment" | "reply" | "mention" | "quote" | "direct_message" | "review";
                                label?: string;
                                q?: string;
                                /** @enum {string} */
                                state?: "active" | "any" | "new" | "open" | "pending" | "resolved";
                                /** @enum {string} */
                                view?: "all" | "mine" | "unassigned";
                            };
                            /** Format: uuid */
                            id: string;
                            name: string;
                            shared: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/inbox/views/{viewId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a saved view (yours; shared ones: managers) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    viewId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/integrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Networks that connect by signing in, their app (without the secret) and the redirect URL to register */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                alsoUsedBy: {
                                    label: {
                                        en: string;
                                        es: string;
                                    };
                                    network: string;
                                    redirectUrl: string;
                                    way: {
                                        en: string;
                                        es: string;
                                    };
                                }[];
                                clientId: string | null;
                                hasSecret: boolean;
                                label: {
                                    en: string;
                                    es: string;
                                };
                                lastErrorAt: string | null;
                                lastErrorCode: string | null;
                                network: string;
                                publicUrlMissing: boolean;
                                redirectUrl: string;
                                source: ("settings" | "environment") | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/integrations/{network}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Save a network’s app: client ID and secret (sealed, never shown again) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    network: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        clientId: string;
                        clientSecret?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alsoUsedBy: {
                                label: {
                                    en: string;
                                    es: string;
                                };
                                network: string;
                                redirectUrl: string;
                                way: {
                                    en: string;
                                    es: string;
                                };
                            }[];
                            clientId: string | null;
                            hasSecret: boolean;
                            label: {
                                en: string;
                                es: string;
                            };
                            lastErrorAt: string | null;
                            lastErrorCode: string | null;
                            network: string;
                            publicUrlMissing: boolean;
                            redirectUrl: string;
                            source: ("settings" | "environment") | null;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Remove a network’s saved app */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    network: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open invitations (not yet accepted or revoked) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                email: string;
                                expired: boolean;
                                expiresAt: string;
                                /** Format: uuid */
                                id: string;
                                invitedBy: string | null;
                                /** @enum {string} */
                                role: "owner" | "manager" | "editor" | "approver" | "viewer";
                                sentCount: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Invite an e-mail address with a role; the answer is the same whether it has an account. Without SMTP the accept link is in the answer, once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        /** @enum {string} */
                        role: "owner" | "manager" | "editor" | "approver" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acceptUrl?: string;
                            /** @enum {string} */
                            delivery: "email" | "email_failed" | "link";
                            invitation: {
                                createdAt: string;
                                email: string;
                                expired: boolean;
                                expiresAt: string;
                                /** Format: uuid */
                                id: string;
                                invitedBy: string | null;
                                /** @enum {string} */
                                role: "owner" | "manager" | "editor" | "approver" | "viewer";
                                sentCount: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/invitations/{invitationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an open invitation */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    invitationId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/invitations/{invitationId}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send an open invitation again with a new link and a new 7-day expiry */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    invitationId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acceptUrl?: string;
                            /** @enum {string} */
                            delivery: "email" | "email_failed" | "link";
                            invitation: {
                                createdAt: string;
                                email: string;
                                expired: boolean;
                                expiresAt: string;
                                /** Format: uuid */
                                id: string;
                                invitedBy: string | null;
                                /** @enum {string} */
                                role: "owner" | "manager" | "editor" | "approver" | "viewer";
                                sentCount: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/link-card": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A page’s link card (Open Graph title, description, image), read through the safe fetcher and cached for a day */
        get: {
            parameters: {
                query: {
                    url: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            description: string | null;
                            errorCode: string | null;
                            fetchedAt: string;
                            imageUrl: string | null;
                            siteName: string | null;
                            title: string | null;
                            url: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/link-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where short links point (PUBLIC_URL or this machine), with a warning when PUBLIC_URL is unset */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            shortLinkBase: string;
                            urlWarning: {
                                base: string;
                                /** @enum {string} */
                                code: "public_url_unset";
                                message: string;
                            } | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List tracked links with their human clicks */
        get: {
            parameters: {
                query?: {
                    campaignId?: string;
                    postId?: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                campaignId: string | null;
                                channelId: string | null;
                                clicks: number;
                                code: string;
                                createdAt: string;
                                destinationUrl: string;
                                /** Format: uuid */
                                id: string;
                                network: string | null;
                                objectiveId: string | null;
                                postId: string | null;
                                shortUrl: string;
                                targetUrl: string;
                                urlWarning: {
                                    base: string;
                                    /** @enum {string} */
                                    code: "public_url_unset";
                                    message: string;
                                } | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a tracked short link (UTM: source = network, medium = social, campaign = its tag as typed, content = post; each editable) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        campaignId?: string | null;
                        channelId?: string | null;
                        objectiveId?: string | null;
                        postId?: string | null;
                        /** Format: uri */
                        url: string;
                        utmCampaign?: string;
                        utmContent?: string;
                        utmMedium?: string;
                        utmSource?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaignId: string | null;
                            channelId: string | null;
                            code: string;
                            createdAt: string;
                            destinationUrl: string;
                            /** Format: uuid */
                            id: string;
                            network: string | null;
                            objectiveId: string | null;
                            postId: string | null;
                            shortUrl: string;
                            targetUrl: string;
                            urlWarning: {
                                base: string;
                                /** @enum {string} */
                                code: "public_url_unset";
                                message: string;
                            } | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/links/{linkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A link with its click analytics (human vs bot, unique visitors, by day, referrers) */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    linkId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            byDay: {
                                clicks: number;
                                /** Format: date */
                                day: string;
                                uniqueVisitors: number;
                            }[];
                            campaignId: string | null;
                            channelId: string | null;
                            clicks: {
                                bots: number;
                                human: number;
                                total: number;
                                uniqueVisitors: number;
                            };
                            code: string;
                            conversions: {
                                count: number;
                                value: number;
                            };
                            createdAt: string;
                            destinationUrl: string;
                            /** Format: uuid */
                            id: string;
                            network: string | null;
                            objectiveId: string | null;
                            postId: string | null;
                            referrers: {
                                clicks: number;
                                host: string | null;
                            }[];
                            shortUrl: string;
                            targetUrl: string;
                            urlWarning: {
                                base: string;
                                /** @enum {string} */
                                code: "public_url_unset";
                                message: string;
                            } | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a link (its short URL stops redirecting) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    linkId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/links/{linkId}/qr": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** QR code of the short link (png or svg) */
        get: {
            parameters: {
                query?: {
                    format?: "png" | "svg";
                    size?: number;
                };
                header?: never;
                path: {
                    linkId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The QR code as PNG or SVG */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/png": string;
                        "image/svg+xml": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/listening/alert-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How sensitive reputation alerts are (the defaults until someone changes them) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enabled: boolean;
                            historyWindows: number;
                            minCount: number;
                            notifyEmails: string[];
                            threshold: number;
                            updatedAt: (string) | null;
                            windowMinutes: number;
                        };
                    };
                };
            };
        };
        /** Change how sensitive reputation alerts are (owners and managers) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        enabled?: boolean;
                        historyWindows?: number;
                        minCount?: number;
                        notifyEmails?: string[];
                        threshold?: number;
                        windowMinutes?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enabled: boolean;
                            historyWindows: number;
                            minCount: number;
                            notifyEmails: string[];
                            threshold: number;
                            updatedAt: (string) | null;
                            windowMinutes: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/listening/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reputation alerts (negative mention spikes), newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                acknowledgedAt: (string) | null;
                                count: number;
                                createdAt: string;
                                emailedAt: (string) | null;
                                emailError: string | null;
                                eventId: string | null;
                                expected: number;
                                /** Format: uuid */
                                id: string;
                                kind: string;
                                mentionIds: string[];
                                queryId: string | null;
                                scope: string;
                                windowEnd: string;
                                windowStart: string;
                                z: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/listening/alerts/{alertId}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark an alert as seen */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    alertId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acknowledgedAt: (string) | null;
                            count: number;
                            createdAt: string;
                            emailedAt: (string) | null;
                            emailError: string | null;
                            eventId: string | null;
                            expected: number;
                            /** Format: uuid */
                            id: string;
                            kind: string;
                            mentionIds: string[];
                            queryId: string | null;
                            scope: string;
                            windowEnd: string;
                            windowStart: string;
                            z: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/listening/analysis/authors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Top authors with their reach */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    limit?: number;
                    queryId?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                handle: string;
                                mentions: number;
                                name: string | null;
                                network: string;
                                reach: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/listening/analysis/sentiment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sentiment counts and net sentiment ((positive − negative) / all × 100, neutral included) */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    queryId?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            counts: {
                                negative: number;
                                neutral: number;
                                positive: number;
                            };
                            formula: string;
                            netSentiment: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/listening/analysis/share-of-voice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Share of voice: brand / (brand + competitors) × 100, and each competitor’s share */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            brand: {
                                mentions: number;
                                share: number;
                            };
                            competitors: {
                                mentions: number;
                                name: string;
                                share: number;
                            }[];
                            formula: string;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/listening/analysis/sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Mentions per source and network (they add up to the total the other panels count) */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    queryId?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                kind: string | null;
                                mentions: number;
                                name: string | null;
                                network: string;
                                sourceId: string | null;
                            }[];
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/listening/analysis/terms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Top terms and phrases */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    queryId?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            phrases: {
                                count: number;
                                term: string;
                            }[];
                            sampled: number;
                            terms: {
                                count: number;
                                term: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/listening/analysis/volume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Mention volume over time: every mention, and per query (hour or day buckets, brand time zone) */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    interval?: "hour" | "day";
                    queryId?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            interval: "hour" | "day";
                            series: {
                                /** @enum {string} */
                                kind: "brand" | "competitor" | "topic";
                                name: string;
                                points: {
                                    at: string;
                                    count: number;
                                }[];
                                /** Format: uuid */
                                queryId: string;
                            }[];
                            timeZone: string;
                            total: {
                                at: string;
                                count: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/listening/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import mentions from a CSV exported by another tool: every row is stored, or none, with an error per failing row */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        csv: string;
                        defaultNetwork?: string;
                        textColumn?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            columns: {
                                [key: string]: string | null;
                            };
                            duplicates: number;
                            matched: number;
                            rows: number;
                            stored: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/listening/mentions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Mention stream, newest first, filtered by query, sentiment, language, network, date and text */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    from?: string;
                    lang?: string;
                    limit?: number;
                    network?: string;
                    q?: string;
                    queryId?: string;
                    sentiment?: "positive" | "neutral" | "negative";
                    to?: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                author: {
                                    handle: string;
                                    name: string | null;
                                    reach: number | null;
                                };
                                autoSentiment: string | null;
                                corrected: boolean;
                                /** Format: uuid */
                                id: string;
                                ingestedAt: string;
                                lang: string;
                                network: string;
                                publishedAt: string;
                                queryIds: string[];
                                remoteId: string;
                                sentiment: string | null;
                                sentimentScore: number | null;
                                sourceId: string | null;
                                text: string;
                                url: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/listening/mentions/{mentionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One mention with its matched queries and sentiment corrections */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mentionId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            author: {
                                handle: string;
                                name: string | null;
                                reach: number | null;
                            };
                            autoSentiment: string | null;
                            corrected: boolean;
                            corrections: {
                                at: string;
                                by: string | null;
                                from: string | null;
                                /** Format: uuid */
                                id: string;
                                to: string;
                            }[];
                            /** Format: uuid */
                            id: string;
                            ingestedAt: string;
                            lang: string;
                            network: string;
                            publishedAt: string;
                            queryIds: string[];
                            remoteId: string;
                            sentiment: string | null;
                            sentimentScore: number | null;
                            sourceId: string | null;
                            text: string;
                            url: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/listening/mentions/{mentionId}/sentiment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Correct a mention’s sentiment label (stored with who and when) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mentionId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        label: "positive" | "neutral" | "negative";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            author: {
                                handle: string;
                                name: string | null;
                                reach: number | null;
                            };
                            autoSentiment: string | null;
                            corrected: boolean;
                            /** Format: uuid */
                            id: string;
                            ingestedAt: string;
                            lang: string;
                            network: string;
                            publishedAt: string;
                            queryIds: string[];
                            remoteId: string;
                            sentiment: string | null;
                            sentimentScore: number | null;
                            sourceId: string | null;
                            text: string;
                            url: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/listening/mentions/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download the filtered mentions as CSV (UTF-8, newest first, at most 100,000 rows; times in UTC and in the brand's zone) */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    lang?: string;
                    network?: string;
                    q?: string;
                    queryId?: string;
                    sentiment?: "positive" | "neutral" | "negative";
                    to?: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description CSV, UTF-8 with a byte order mark */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/listening/queries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Saved listening queries */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                competitorName: string | null;
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "brand" | "competitor" | "topic";
                                name: string;
                                query: string;
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Save a query (brand, competitor with its name, or topic); a bad query is a 400 with position and expected */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        competitorName?: string | null;
                        /** @enum {string} */
                        kind: "brand" | "competitor" | "topic";
                        name: string;
                        query: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            competitorName: string | null;
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "brand" | "competitor" | "topic";
                            name: string;
                            query: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/listening/queries/{queryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One saved query */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    queryId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            competitorName: string | null;
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "brand" | "competitor" | "topic";
                            name: string;
                            query: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a saved query (its matches go with it; mentions stay) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    queryId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a saved query */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    queryId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        competitorName?: string | null;
                        /** @enum {string} */
                        kind?: "brand" | "competitor" | "topic";
                        name?: string;
                        query?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            competitorName: string | null;
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "brand" | "competitor" | "topic";
                            name: string;
                            query: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/listening/queries/{queryId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run a saved query against the stored mentions at once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    queryId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        from?: string;
                        /** @default 50 */
                        limit?: number;
                        /** @default 10000 */
                        scan?: number;
                        to?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                author: {
                                    handle: string;
                                    name: string | null;
                                    reach: number | null;
                                };
                                autoSentiment: string | null;
                                corrected: boolean;
                                /** Format: uuid */
                                id: string;
                                ingestedAt: string;
                                lang: string;
                                network: string;
                                publishedAt: string;
                                queryIds: string[];
                                remoteId: string;
                                sentiment: string | null;
                                sentimentScore: number | null;
                                sourceId: string | null;
                                text: string;
                                url: string | null;
                            }[];
                            matched: number;
                            scanned: number;
                            tookMs: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/listening/queries/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run an unsaved query against the stored mentions at once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        from?: string;
                        /** @default 50 */
                        limit?: number;
                        query: string;
                        /** @default 10000 */
                        scan?: number;
                        to?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                author: {
                                    handle: string;
                                    name: string | null;
                                    reach: number | null;
                                };
                                autoSentiment: string | null;
                                corrected: boolean;
                                /** Format: uuid */
                                id: string;
                                ingestedAt: string;
                                lang: string;
                                network: string;
                                publishedAt: string;
                                queryIds: string[];
                                remoteId: string;
                                sentiment: string | null;
                                sentimentScore: number | null;
                                sourceId: string | null;
                                text: string;
                                url: string | null;
                            }[];
                            matched: number;
                            scanned: number;
                            tookMs: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/listening/sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Listening sources with their status, cursor, lag and queue depth */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                config: {
                                    [key: string]: unknown;
                                };
                                createdAt: string;
                                cursor: {
                                    [key: string]: unknown;
                                } | null;
                                /** Format: uuid */
                                id: string;
                                itemsIngested: number;
                                kind: string;
                                lagMs: number | null;
                                lastError: string | null;
                                lastErrorCode: string | null;
                                lastItemAt: (string) | null;
                                lastRunAt: (string) | null;
                                name: string;
                                nextPollAt: (string) | null;
                                queueDepth: number;
                                runningOn: string | null;
                                status: string;
                            }[];
                            kinds: string[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a source (Bluesky firehose or Jetstream, RSS/Atom, Mastodon stream or search, a channel’s mentions) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        config: {
                            /** Format: uri */
                            serviceUrl: string;
                        };
                        /** @enum {string} */
                        kind: "bluesky_firehose";
                        name: string;
                    } | {
                        config: {
                            /** Format: uri */
                            url: string;
                        };
                        /** @enum {string} */
                        kind: "bluesky_jetstream";
                        name: string;
                    } | {
                        config: {
                            accessToken?: string;
                            hashtag?: string;
                            /** Format: uri */
                            instanceUrl: string;
                            intervalMinutes?: number;
                            /** @enum {string} */
                            mode: "stream" | "search";
                            q?: string;
                            /** @enum {string} */
                            timeline?: "public" | "local" | "hashtag";
                        };
                        /** @enum {string} */
                        kind: "mastodon";
                        name: string;
                    } | {
                        config: {
                            intervalMinutes?: number;
                            /** Format: uri */
                            url: string;
                        };
                        /** @enum {string} */
                        kind: "rss";
                        name: string;
                    } | {
                        config: {
                            /** Format: uuid */
                            channelId: string;
                            intervalMinutes?: number;
                        };
                        /** @enum {string} */
                        kind: "channel_mentions";
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            config: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                            cursor: {
                                [key: string]: unknown;
                            } | null;
                            /** Format: uuid */
                            id: string;
                            itemsIngested: number;
                            kind: string;
                            lagMs: number | null;
                            lastError: string | null;
                            lastErrorCode: string | null;
                            lastItemAt: (string) | null;
                            lastRunAt: (string) | null;
                            name: string;
                            nextPollAt: (string) | null;
                            queueDepth: number;
                            runningOn: string | null;
                            status: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/listening/sources/{sourceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One source */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    sourceId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            config: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                            cursor: {
                                [key: string]: unknown;
                            } | null;
                            /** Format: uuid */
                            id: string;
                            itemsIngested: number;
                            kind: string;
                            lagMs: number | null;
                            lastError: string | null;
                            lastErrorCode: string | null;
                            lastItemAt: (string) | null;
                            lastRunAt: (string) | null;
                            name: string;
                            nextPollAt: (string) | null;
                            queueDepth: number;
                            runningOn: string | null;
                            status: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Remove a source (its mentions stay) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    sourceId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Pause, resume, rename or change the settings of a source (a new target resets its cursor) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    sourceId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        config?: {
                            [key: string]: unknown;
                        };
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            config: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                            cursor: {
                                [key: string]: unknown;
                            } | null;
                            /** Format: uuid */
                            id: string;
                            itemsIngested: number;
                            kind: string;
                            lagMs: number | null;
                            lastError: string | null;
                            lastErrorCode: string | null;
                            lastItemAt: (string) | null;
                            lastRunAt: (string) | null;
                            name: string;
                            nextPollAt: (string) | null;
                            queueDepth: number;
                            runningOn: string | null;
                            status: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/listening/trending": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Trending now: terms, pairs and queries bursting above their own baseline */
        get: {
            parameters: {
                query?: {
                    windowMinutes?: number;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                count: number;
                                expected: number;
                                key: string;
                                /** @enum {string} */
                                kind: "query" | "pair" | "term";
                                label: string;
                                windowStart: string;
                                z: number;
                            }[];
                            windowMinutes: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/media": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The media library, newest first: search by name, tag, alt text or the text of a post using the file */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    kind?: "image" | "video";
                    limit?: number;
                    originalId?: string;
                    originals?: "true" | "false";
                    postId?: string;
                    q?: string;
                    tag?: string;
                    unused?: "true" | "false";
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                altText: string;
                                createdAt: string;
                                crop: {
                                    aspect: string;
                                    height: number;
                                    left: number;
                                    top: number;
                                    width: number;
                                } | null;
                                durationSeconds: number | null;
                                height: number | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "image" | "video";
                                mimeType: string;
                                name: string;
                                originalId: string | null;
                                size: number;
                                tags: string[];
                                usageCount: number;
                                width: number | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Upload an image or a short video (multipart field "file", up to 20 MB; larger files: resumable uploads) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            codec: string | null;
                            durationSeconds: number | null;
                            height: number | null;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "image" | "video";
                            mimeType: string;
                            sha256: string;
                            size: number;
                            width: number | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/media/{mediaId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The file bytes (streamed; a Range header asks for part of it) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mediaId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/gif": string;
                        "image/jpeg": string;
                        "image/png": string;
                        "image/webp": string;
                        "video/mp4": string;
                        "video/quicktime": string;
                    };
                };
                /** @description The asked byte range of the file */
                206: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/gif": string;
                        "image/jpeg": string;
                        "image/png": string;
                        "image/webp": string;
                        "video/mp4": string;
                        "video/quicktime": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a file from the library (409 media_in_use while a post that has not gone out uses it) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mediaId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a file, set its alt text, replace its tags or add and remove some */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mediaId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        addTags?: string[];
                        altText?: string;
                        name?: string;
                        removeTags?: string[];
                        tags?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            altText: string;
                            createdAt: string;
                            crop: {
                                aspect: string;
                                height: number;
                                left: number;
                                top: number;
                                width: number;
                            } | null;
                            durationSeconds: number | null;
                            height: number | null;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "image" | "video";
                            mimeType: string;
                            name: string;
                            originalId: string | null;
                            size: number;
                            tags: string[];
                            usageCount: number;
                            width: number | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/media/{mediaId}/crops": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Crop an image to a network aspect ratio (square 1:1, portrait 4:5, landscape 1.91:1, vertical 9:16) into a new file; the original is kept. Without left/top/width: the largest centred rectangle; with width, the height follows from the ratio. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mediaId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        aspect: "square" | "portrait" | "landscape" | "vertical";
                        left?: number;
                        top?: number;
                        width?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            altText: string;
                            createdAt: string;
                            crop: {
                                aspect: string;
                                height: number;
                                left: number;
                                top: number;
                                width: number;
                            } | null;
                            durationSeconds: number | null;
                            height: number | null;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "image" | "video";
                            mimeType: string;
                            name: string;
                            originalId: string | null;
                            size: number;
                            tags: string[];
                            usageCount: number;
                            width: number | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/media/{mediaId}/details": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One library file with the posts that use it */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mediaId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            altText: string;
                            createdAt: string;
                            crop: {
                                aspect: string;
                                height: number;
                                left: number;
                                top: number;
                                width: number;
                            } | null;
                            durationSeconds: number | null;
                            height: number | null;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "image" | "video";
                            mimeType: string;
                            name: string;
                            originalId: string | null;
                            size: number;
                            tags: string[];
                            usageCount: number;
                            usages: {
                                networks: string[];
                                /** Format: uuid */
                                postId: string;
                                scheduledAt: (string) | null;
                                state: string;
                                text: string;
                                waiting: boolean;
                            }[];
                            width: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/media/storage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Storage the workspace’s files take (by kind), and its tags */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bytes: number;
                            count: number;
                            images: {
                                bytes: number;
                                count: number;
                            };
                            tags: {
                                count: number;
                                tag: string;
                            }[];
                            videos: {
                                bytes: number;
                                count: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/media/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a resumable upload (then PATCH its chunks with Upload-Offset; GET it to resume) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        fileName: string;
                        /** @enum {string} */
                        mimeType: "image/jpeg" | "image/png" | "image/webp" | "image/gif" | "video/mp4" | "video/quicktime";
                        size: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresAt: string;
                            /** Format: uuid */
                            id: string;
                            media: {
                                codec: string | null;
                                durationSeconds: number | null;
                                height: number | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "image" | "video";
                                mimeType: string;
                                sha256: string;
                                size: number;
                                width: number | null;
                            } | null;
                            mediaId: string | null;
                            offset: number;
                            size: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/media/uploads/{uploadId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How much of an upload arrived (resume from `offset`) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    uploadId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresAt: string;
                            /** Format: uuid */
                            id: string;
                            media: {
                                codec: string | null;
                                durationSeconds: number | null;
                                height: number | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "image" | "video";
                                mimeType: string;
                                sha256: string;
                                size: number;
                                width: number | null;
                            } | null;
                            mediaId: string | null;
                            offset: number;
                            size: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Send the next chunk (body: up to 16 MB as application/offset+octet-stream; header Upload-Offset) */
        patch: {
            parameters: {
                query?: never;
                header: {
                    "upload-offset": number;
                };
                path: {
                    uploadId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresAt: string;
                            /** Format: uuid */
                            id: string;
                            media: {
                                codec: string | null;
                                durationSeconds: number | null;
                                height: number | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "image" | "video";
                                mimeType: string;
                                sha256: string;
                                size: number;
                                width: number | null;
                            } | null;
                            mediaId: string | null;
                            offset: number;
                            size: number;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                email: string;
                                joinedAt: string;
                                name: string;
                                /** @enum {string} */
                                role: "owner" | "manager" | "editor" | "approver" | "viewer";
                                /** Format: uuid */
                                userId: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        role: "owner" | "manager" | "editor" | "approver" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            role: "owner" | "manager" | "editor" | "approver" | "viewer";
                            /** Format: uuid */
                            userId: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** In-app notifications: failures, reconnect-needed channels, reviews, approvals and comments; with the unread count */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                actorName: string | null;
                                actorUserId: string | null;
                                createdAt: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                postExcerpt: string | null;
                                subjectId: string | null;
                                subjectType: string | null;
                                type: string;
                                unread: boolean;
                            }[];
                            lastReadEventId: string;
                            unread: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/notifications/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark notifications read up to an event id */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        upToEventId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/oauth/{network}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start signing in with a network: answers the URL to open (state and PKCE kept server-side, 10 minutes, single use) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    network: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        channelId?: string;
                        instanceUrl?: string;
                        way?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorizeUrl: string;
                            expiresAt: string;
                            redirectUrl: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/oauth/pickers/{pickerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The accounts the signed-in user can connect */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    pickerId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accounts: {
                                avatarUrl: string | null;
                                channelId: string | null;
                                handle: string | null;
                                /** @enum {string} */
                                kind: "account" | "profile" | "page" | "instagram" | "organization" | "board" | "channel" | "location";
                                name: string;
                                remoteId: string;
                            }[];
                            expiresAt: string;
                            network: string;
                            reconnectChannelId: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Connect the chosen accounts, one channel each (an account already here is reconnected) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    pickerId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        remoteIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                account: {
                                    [key: string]: unknown;
                                } | null;
                                apiCost?: {
                                    /** @enum {string} */
                                    currency: "USD";
                                    month: string;
                                    publications: number;
                                    total: number;
                                } | null;
                                capabilities: {
                                    /** @enum {string} */
                                    charCounting: "graphemes" | "code-points" | "utf16" | "x-weighted" | "utf8-emoji";
                                    firstComment: boolean;
                                    maxCarouselItems: number;
                                    maxDocumentBytes?: number;
                                    mediaByUrl: boolean;
                                    options: {
                                        choicesFromAccount?: boolean;
                                        default?: string | boolean;
                                        /** @enum {string} */
                                        kind: "select" | "boolean" | "text";
                                        label: {
                                            en: string;
                                            es: string;
                                        };
                                        name: string;
                                        postTypes?: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document")[];
                                        valueLabels?: {
                                            [key: string]: {
                                                en: string;
                                                es: string;
                                            };
                                        };
                                        values?: string[];
                                    }[];
                                    postTypes: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document")[];
                                    video?: {
                                        codecs: string[];
                                        containers: string[];
                                        maxAspectRatio: number;
                                        maxBytes: number;
                                        maxDurationSeconds: number;
                                        minAspectRatio: number;
                                        minDurationSeconds: number;
                                    };
                                } | null;
                                connectionExpiresAt: (string) | null;
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                lastCheckedAt: (string) | null;
                                lastError: string | null;
                                lastErrorCode: string | null;
                                limits: {
                                    acceptedImageTypes: string[];
                                    maxAltChars: number;
                                    maxChars: number;
                                    maxImageBytes: number;
                                    maxImages: number;
                                    postsPerMinutePerChannel: number;
                                    supportsContentWarning: boolean;
                                    supportsThreads: boolean;
                                    supportsVisibility: boolean;
                                } | null;
                                mediaByUrlProblem: {
                                    /** @enum {string} */
                                    code: "public_url_missing" | "public_url_not_public";
                                    message: string;
                                } | null;
                                name: string;
                                network: string;
                                networkLabel: {
                                    en: string;
                                    es: string;
                                };
                                quota: {
                                    buckets: {
                                        bucket: string;
                                        limit: number;
                                        used: number;
                                    }[];
                                    day: string;
                                    resetsAt: string;
                                } | null;
                                settings: {
                                    [key: string]: unknown;
                                };
                                signIn: boolean;
                                simulated: boolean;
                                /** @enum {string} */
                                status: "active" | "needs_reconnect" | "disconnected";
                                /** Format: uuid */
                                workspaceId: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/objectives": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List objectives */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                baseline: number;
                                channelIds: string[];
                                createdAt: string;
                                deadline: string;
                                description: string;
                                /** Format: uuid */
                                id: string;
                                kpi: string;
                                kpiLabel: {
                                    en?: string;
                                    es?: string;
                                };
                                name: string;
                                startAt: string;
                                status: string;
                                target: number;
                                updatedAt: string;
                                /** Format: uuid */
                                workspaceId: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a objective */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        baseline?: number;
                        channelIds?: string[];
                        deadline: string;
                        description?: string;
                        /** @enum {string} */
                        kpi: "engagement_rate_by_reach" | "engagement_rate_by_impressions" | "engagement_rate_by_followers" | "engagements" | "amplification_rate" | "amplification_rate_per_1000_followers" | "applause_rate" | "conversation_rate" | "follower_growth_rate" | "followers" | "interested_followers" | "link_clicks" | "ctr" | "leads" | "conversion_value" | "cpl" | "roi" | "share_of_voice" | "net_sentiment";
                        name: string;
                        startAt: string;
                        target: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            baseline: number;
                            channelIds: string[];
                            createdAt: string;
                            deadline: string;
                            description: string;
                            /** Format: uuid */
                            id: string;
                            kpi: string;
                            kpiLabel: {
                                en?: string;
                                es?: string;
                            };
                            name: string;
                            startAt: string;
                            status: string;
                            target: number;
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/objectives/{itemId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a objective */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    itemId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            baseline: number;
                            channelIds: string[];
                            createdAt: string;
                            deadline: string;
                            description: string;
                            /** Format: uuid */
                            id: string;
                            kpi: string;
                            kpiLabel: {
                                en?: string;
                                es?: string;
                            };
                            name: string;
                            startAt: string;
                            status: string;
                            target: number;
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a objective (posts keep their history) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    itemId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Update a objective */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    itemId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        baseline?: number;
                        channelIds?: string[];
                        deadline?: string;
                        description?: string;
                        /** @enum {string} */
                        kpi?: "engagement_rate_by_reach" | "engagement_rate_by_impressions" | "engagement_rate_by_followers" | "engagements" | "amplification_rate" | "amplification_rate_per_1000_followers" | "applause_rate" | "conversation_rate" | "follower_growth_rate" | "followers" | "interested_followers" | "link_clicks" | "ctr" | "leads" | "conversion_value" | "cpl" | "roi" | "share_of_voice" | "net_sentiment";
                        name?: string;
                        startAt?: string;
                        target?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            baseline: number;
                            channelIds: string[];
                            createdAt: string;
                            deadline: string;
                            description: string;
                            /** Format: uuid */
                            id: string;
                            kpi: string;
                            kpiLabel: {
                                en?: string;
                                es?: string;
                            };
                            name: string;
                            startAt: string;
                            status: string;
                            target: number;
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/pillars": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List pillars */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                color: string;
                                createdAt: string;
                                description: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                updatedAt: string;
                                /** Format: uuid */
                                workspaceId: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a pillar */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        color?: string;
                        description?: string;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            color: string;
                            createdAt: string;
                            description: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/pillars/{itemId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a pillar */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    itemId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            color: string;
                            createdAt: string;
                            description: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a pillar (posts keep their history) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    itemId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Update a pillar */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    itemId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        color?: string;
                        description?: string;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            color: string;
                            createdAt: string;
                            description: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/post-batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change several posts at once — move by days (same wall-clock time in the brand’s zone), reschedule from a time (spaced by spacingMinutes, in the order given), add to a queue (next free slots, in order) or delete. All or nothing: when any post cannot change, none does (422 batch_failed, details: one { postId, code, message } per post). Undo with POST …/post-batches/{batchId}/undo until undoUntil. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        action: "move";
                        days: number;
                        postIds: string[];
                    } | {
                        /** @enum {string} */
                        action: "reschedule";
                        postIds: string[];
                        scheduledAt: string;
                        /** @default 0 */
                        spacingMinutes?: number;
                    } | {
                        /** @enum {string} */
                        action: "queue";
                        postIds: string[];
                        /** Format: uuid */
                        queueId: string;
                    } | {
                        /** @enum {string} */
                        action: "delete";
                        postIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            action: "move" | "reschedule" | "queue" | "delete";
                            /** Format: uuid */
                            batchId: string;
                            count: number;
                            posts: {
                                /** Format: uuid */
                                id: string;
                                queueId: string | null;
                                scheduledAt: (string) | null;
                                state: string;
                            }[];
                            undoUntil: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/post-batches/{batchId}/undo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Undo a batch: deleted posts come back as they were; moved, rescheduled or queued posts get their state, time and queue back. 409 batch_undo_expired after the window, batch_already_undone, or batch_undo_conflict when a post changed since (nothing undone) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    batchId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: string;
                            /** Format: uuid */
                            batchId: string;
                            count: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/posts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List posts, newest first; filter by state, channel, campaign, author, time window, undated only and text */
        get: {
            parameters: {
                query?: {
                    authorId?: string;
                    campaignId?: string;
                    channelId?: string;
                    cursor?: string;
                    from?: string;
                    limit?: number;
                    q?: string;
                    state?: "draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                    to?: string;
                    undated?: "true" | "false";
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                authorId: string | null;
                                campaignId: string | null;
                                content: string;
                                createdAt: string;
                                evergreen: boolean;
                                evergreenSourceId: string | null;
                                /** Format: uuid */
                                id: string;
                                objectiveId: string | null;
                                occurrenceDetached: boolean;
                                pillarId: string | null;
                                publications: {
                                    attempts: number;
                                    /** Format: uuid */
                                    channelId: string;
                                    dueAt: (string) | null;
                                    error: {
                                        code: string;
                                        message: string | null;
                                    } | null;
                                    firstAttemptAt: (string) | null;
                                    firstComment: string | null;
                                    firstCommentRemoteId: string | null;
                                    firstCommentStatus: {
                                        attempts: number;
                                        error: {
                                            code: string;
                                            message: string | null;
                                        } | null;
                                        nextTryAt: (string) | null;
                                        publishedAt: (string) | null;
                                        remoteId: string | null;
                                        remoteUrl: string | null;
                                        /** @enum {string} */
                                        state: "pending" | "publishing" | "published" | "failed";
                                    } | null;
                                    /** Format: uuid */
                                    id: string;
                                    linkCard: {
                                        skipped: string | null;
                                        url: string | null;
                                    } | null;
                                    media: {
                                        alt?: string;
                                        mediaId: string;
                                    }[];
                                    missedByMs: number | null;
                                    network: string;
                                    options: {
                                        contentWarning?: string;
                                        language?: string;
                                        network?: {
                                            [key: string]: string | boolean;
                                        };
                                        /** @enum {string} */
                                        visibility?: "public" | "unlisted" | "private" | "direct";
                                    };
                                    postType: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document") | null;
                                    publishedAt: (string) | null;
                                    remoteId: string | null;
                                    remoteUrl: string | null;
                                    /** @enum {string} */
                                    state: "pending" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                                    text: string;
                                    thread: {
                                        media: {
                                            alt?: string;
                                            mediaId: string;
                                        }[];
                                        text: string;
                                    }[];
                                    title: string | null;
                                }[];
                                recurringRuleId: string | null;
                                scheduledAt: (string) | null;
                                segmentId: string | null;
                                /** @enum {string} */
                                state: "draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                                updatedAt: string;
                                /** Format: uuid */
                                workspaceId: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a post (draft, submit, schedule or publish now) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @default draft
                         * @enum {string}
                         */
                        action?: "draft" | "submit" | "schedule" | "publish_now";
                        campaignId?: string | null;
                        channels: {
                            /** Format: uuid */
                            channelId: string;
                            firstComment?: string;
                            media?: {
                                alt?: string;
                                /** Format: uuid */
                                mediaId: string;
                            }[];
                            /** @default {} */
                            options?: {
                                contentWarning?: string;
                                language?: string;
                                network?: {
                                    [key: string]: string | boolean;
                                };
                                /** @enum {string} */
                                visibility?: "public" | "unlisted" | "private" | "direct";
                            };
                            /** @enum {string} */
                            postType?: "text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document";
                            text?: string;
                            thread?: {
                                /** @default [] */
                                media?: {
                                    alt?: string;
                                    /** Format: uuid */
                                    mediaId: string;
                                }[];
                                text: string;
                            }[];
                            title?: string;
                        }[];
                        /** @default  */
                        content?: string;
                        firstComment?: string;
                        /** @default [] */
                        media?: {
                            alt?: string;
                            /** Format: uuid */
                            mediaId: string;
                        }[];
                        objectiveId?: string | null;
                        pillarId?: string | null;
                        /** @enum {string} */
                        postType?: "text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document";
                        scheduledAt?: string | null;
                        segmentId?: string | null;
                        /** @default [] */
                        thread?: {
                            /** @default [] */
                            media?: {
                                alt?: string;
                                /** Format: uuid */
                                mediaId: string;
                            }[];
                            text: string;
                        }[];
                        title?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorId: string | null;
                            campaignId: string | null;
                            content: string;
                            createdAt: string;
                            evergreen: boolean;
                            evergreenSourceId: string | null;
                            /** Format: uuid */
                            id: string;
                            objectiveId: string | null;
                            occurrenceDetached: boolean;
                            pillarId: string | null;
                            publications: {
                                attempts: number;
                                /** Format: uuid */
                                channelId: string;
                                dueAt: (string) | null;
                                error: {
                                    code: string;
                                    message: string | null;
                                } | null;
                                firstAttemptAt: (string) | null;
                                firstComment: string | null;
                                firstCommentRemoteId: string | null;
                                firstCommentStatus: {
                                    attempts: number;
                                    error: {
                                        code: string;
                                        message: string | null;
                                    } | null;
                                    nextTryAt: (string) | null;
                                    publishedAt: (string) | null;
                                    remoteId: string | null;
                                    remoteUrl: string | null;
                                    /** @enum {string} */
                                    state: "pending" | "publishing" | "published" | "failed";
                                } | null;
                                /** Format: uuid */
                                id: string;
                                linkCard: {
                                    skipped: string | null;
                                    url: string | null;
                                } | null;
                                media: {
                                    alt?: string;
                                    mediaId: string;
                                }[];
                                missedByMs: number | null;
                                network: string;
                                options: {
                                    contentWarning?: string;
                                    language?: string;
                                    network?: {
                                        [key: string]: string | boolean;
                                    };
                                    /** @enum {string} */
                                    visibility?: "public" | "unlisted" | "private" | "direct";
                                };
                                postType: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document") | null;
                                publishedAt: (string) | null;
                                remoteId: string | null;
                                remoteUrl: string | null;
                                /** @enum {string} */
                                state: "pending" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                                text: string;
                                thread: {
                                    media: {
                                        alt?: string;
                                        mediaId: string;
                                    }[];
                                    text: string;
                                }[];
                                title: string | null;
                            }[];
                            recurringRuleId: string | null;
                            scheduledAt: (string) | null;
                            segmentId: string | null;
                            /** @enum {string} */
                            state: "draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                            updatedAt: string;
                            validation: {
                                apiCost?: {
                                    calls: {
                                        amount: number;
                                        count: number;
                                        type: string;
                                        unitPrice: number;
                                    }[];
                                    /** @enum {string} */
                                    currency: "USD";
                                    postsWithLinks: number;
                                    pricesAsOf: string;
                                    pricesSource: string;
                                    total: number;
                                };
                                /** Format: uuid */
                                channelId: string;
                                issues: {
                                    code: string;
                                    field: string;
                                    message: string;
                                    messageEs: string;
                                    params?: {
                                        [key: string]: string | number;
                                    };
                                }[];
                                network: string;
                            }[];
                            warnings: {
                                /** @enum {string} */
                                code: "scheduled_time_passed";
                                message: string;
                            }[];
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/posts/{postId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A post with its attempt log, comments and history */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    postId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: {
                                errorCode: string | null;
                                errorKind: string | null;
                                errorMessage: string | null;
                                finishedAt: (string) | null;
                                id: string;
                                outcome: string;
                                /** Format: uuid */
                                publicationId: string;
                                startedAt: string;
                                workerId: string;
                            }[];
                            authorId: string | null;
                            campaignId: string | null;
                            comments: {
                                /** Format: uuid */
                                authorId: string;
                                authorName: string | null;
                                body: string;
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                kind: string;
                            }[];
                            content: string;
                            createdAt: string;
                            evergreen: boolean;
                            evergreenSourceId: string | null;
                            history: {
                                actorName: string | null;
                                actorUserId: string | null;
                                createdAt: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                type: string;
                            }[];
                            /** Format: uuid */
                            id: string;
                            objectiveId: string | null;
                            occurrenceDetached: boolean;
                            pillarId: string | null;
                            publications: {
                                attempts: number;
                                /** Format: uuid */
                                channelId: string;
                                dueAt: (string) | null;
                                error: {
                                    code: string;
                                    message: string | null;
                                } | null;
                                firstAttemptAt: (string) | null;
                                firstComment: string | null;
                                firstCommentRemoteId: string | null;
                                firstCommentStatus: {
                                    attempts: number;
                                    error: {
                                        code: string;
                                        message: string | null;
                                    } | null;
                                    nextTryAt: (string) | null;
                                    publishedAt: (string) | null;
                                    remoteId: string | null;
                                    remoteUrl: string | null;
                                    /** @enum {string} */
                                    state: "pending" | "publishing" | "published" | "failed";
                                } | null;
                                /** Format: uuid */
                                id: string;
                                linkCard: {
                                    skipped: string | null;
                                    url: string | null;
                                } | null;
                                media: {
                                    alt?: string;
                                    mediaId: string;
                                }[];
                                missedByMs: number | null;
                                network: string;
                                options: {
                                    contentWarning?: string;
                                    language?: string;
                                    network?: {
                                        [key: string]: string | boolean;
                                    };
                                    /** @enum {string} */
                                    visibility?: "public" | "unlisted" | "private" | "direct";
                                };
                                postType: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document") | null;
                                publishedAt: (string) | null;
                                remoteId: string | null;
                                remoteUrl: string | null;
                                /** @enum {string} */
                                state: "pending" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                                text: string;
                                thread: {
                                    media: {
                                        alt?: string;
                                        mediaId: string;
                                    }[];
                                    text: string;
                                }[];
                                title: string | null;
                            }[];
                            recurringRuleId: string | null;
                            scheduledAt: (string) | null;
                            segmentId: string | null;
                            /** @enum {string} */
                            state: "draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        /** Replace a post’s content and channels (until it publishes) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    postId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        campaignId?: string | null;
                        channels: {
                            /** Format: uuid */
                            channelId: string;
                            firstComment?: string;
                            media?: {
                                alt?: string;
                                /** Format: uuid */
                                mediaId: string;
                            }[];
                            /** @default {} */
                            options?: {
                                contentWarning?: string;
                                language?: string;
                                network?: {
                                    [key: string]: string | boolean;
                                };
                                /** @enum {string} */
                                visibility?: "public" | "unlisted" | "private" | "direct";
                            };
                            /** @enum {string} */
                            postType?: "text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document";
                            text?: string;
                            thread?: {
                                /** @default [] */
                                media?: {
                                    alt?: string;
                                    /** Format: uuid */
                                    mediaId: string;
                                }[];
                                text: string;
                            }[];
                            title?: string;
                        }[];
                        /** @default  */
                        content?: string;
                        firstComment?: string;
                        /** @default [] */
                        media?: {
                            alt?: string;
                            /** Format: uuid */
                            mediaId: string;
                        }[];
                        objectiveId?: string | null;
                        pillarId?: string | null;
                        /** @enum {string} */
                        postType?: "text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document";
                        scheduledAt?: string | null;
                        segmentId?: string | null;
                        /** @default [] */
                        thread?: {
                            /** @default [] */
                            media?: {
                                alt?: string;
                                /** Format: uuid */
                                mediaId: string;
                            }[];
                            text: string;
                        }[];
                        title?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorId: string | null;
                            campaignId: string | null;
                            content: string;
                            createdAt: string;
                            evergreen: boolean;
                            evergreenSourceId: string | null;
                            /** Format: uuid */
                            id: string;
                            objectiveId: string | null;
                            occurrenceDetached: boolean;
                            pillarId: string | null;
                            publications: {
                                attempts: number;
                                /** Format: uuid */
                                channelId: string;
                                dueAt: (string) | null;
                                error: {
                                    code: string;
                                    message: string | null;
                                } | null;
                                firstAttemptAt: (string) | null;
                                firstComment: string | null;
                                firstCommentRemoteId: string | null;
                                firstCommentStatus: {
                                    attempts: number;
                                    error: {
                                        code: string;
                                        message: string | null;
                                    } | null;
                                    nextTryAt: (string) | null;
                                    publishedAt: (string) | null;
                                    remoteId: string | null;
                                    remoteUrl: string | null;
                                    /** @enum {string} */
                                    state: "pending" | "publishing" | "published" | "failed";
                                } | null;
                                /** Format: uuid */
                                id: string;
                                linkCard: {
                                    skipped: string | null;
                                    url: string | null;
                                } | null;
                                media: {
                                    alt?: string;
                                    mediaId: string;
                                }[];
                                missedByMs: number | null;
                                network: string;
                                options: {
                                    contentWarning?: string;
                                    language?: string;
                                    network?: {
                                        [key: string]: string | boolean;
                                    };
                                    /** @enum {string} */
                                    visibility?: "public" | "unlisted" | "private" | "direct";
                                };
                                postType: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document") | null;
                                publishedAt: (string) | null;
                                remoteId: string | null;
                                remoteUrl: string | null;
                                /** @enum {string} */
                                state: "pending" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                                text: string;
                                thread: {
                                    media: {
                                        alt?: string;
                                        mediaId: string;
                                    }[];
                                    text: string;
                                }[];
                                title: string | null;
                            }[];
                            recurringRuleId: string | null;
                            scheduledAt: (string) | null;
                            segmentId: string | null;
                            /** @enum {string} */
                            state: "draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                            updatedAt: string;
                            validation: {
                                apiCost?: {
                                    calls: {
                                        amount: number;
                                        count: number;
                                        type: string;
                                        unitPrice: number;
                                    }[];
                                    /** @enum {string} */
                                    currency: "USD";
                                    postsWithLinks: number;
                                    pricesAsOf: string;
                                    pricesSource: string;
                                    total: number;
                                };
                                /** Format: uuid */
                                channelId: string;
                                issues: {
                                    code: string;
                                    field: string;
                                    message: string;
                                    messageEs: string;
                                    params?: {
                                        [key: string]: string | number;
                                    };
                                }[];
                                network: string;
                            }[];
                            warnings: {
                                /** @enum {string} */
                                code: "scheduled_time_passed";
                                message: string;
                            }[];
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a post that never published */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    postId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/posts/{postId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Workflow: approve a post in review. A dated post is scheduled at its time; an undated one becomes approved (waiting for a date); one whose time has passed is refused (409 scheduled_time_passed) unless the body gives a new scheduledAt or publishNow: true */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    postId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string;
                        publishNow?: boolean;
                        scheduledAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorId: string | null;
                            campaignId: string | null;
                            content: string;
                            createdAt: string;
                            evergreen: boolean;
                            evergreenSourceId: string | null;
                            /** Format: uuid */
                            id: string;
                            objectiveId: string | null;
                            occurrenceDetached: boolean;
                            pillarId: string | null;
                            publications: {
                                attempts: number;
                                /** Format: uuid */
                                channelId: string;
                                dueAt: (string) | null;
                                error: {
                                    code: string;
                                    message: string | null;
                                } | null;
                                firstAttemptAt: (string) | null;
                                firstComment: string | null;
                                firstCommentRemoteId: string | null;
                                firstCommentStatus: {
                                    attempts: number;
                                    error: {
                                        code: string;
                                        message: string | null;
                                    } | null;
                                    nextTryAt: (string) | null;
                                    publishedAt: (string) | null;
                                    remoteId: string | null;
                                    remoteUrl: string | null;
                                    /** @enum {string} */
                                    state: "pending" | "publishing" | "published" | "failed";
                                } | null;
                                /** Format: uuid */
                                id: string;
                                linkCard: {
                                    skipped: string | null;
                                    url: string | null;
                                } | null;
                                media: {
                                    alt?: string;
                                    mediaId: string;
                                }[];
                                missedByMs: number | null;
                                network: string;
                                options: {
                                    contentWarning?: string;
                                    language?: string;
                                    network?: {
                                        [key: string]: string | boolean;
                                    };
                                    /** @enum {string} */
                                    visibility?: "public" | "unlisted" | "private" | "direct";
                                };
                                postType: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document") | null;
                                publishedAt: (string) | null;
                                remoteId: string | null;
                                remoteUrl: string | null;
                                /** @enum {string} */
                                state: "pending" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                                text: string;
                                thread: {
                                    media: {
                                        alt?: string;
                                        mediaId: string;
                                    }[];
                                    text: string;
                                }[];
                                title: string | null;
                            }[];
                            recurringRuleId: string | null;
                            scheduledAt: (string) | null;
                            segmentId: string | null;
                            /** @enum {string} */
                            state: "draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/posts/{postId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Workflow: cancel the post (publications not yet sent are canceled; restore undoes it for a few minutes) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    postId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string;
                        publishNow?: boolean;
                        scheduledAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorId: string | null;
                            campaignId: string | null;
                            content: string;
                            createdAt: string;
                            evergreen: boolean;
                            evergreenSourceId: string | null;
                            /** Format: uuid */
                            id: string;
                            objectiveId: string | null;
                            occurrenceDetached: boolean;
                            pillarId: string | null;
                            publications: {
                                attempts: number;
                                /** Format: uuid */
                                channelId: string;
                                dueAt: (string) | null;
                                error: {
                                    code: string;
                                    message: string | null;
                                } | null;
                                firstAttemptAt: (string) | null;
                                firstComment: string | null;
                                firstCommentRemoteId: string | null;
                                firstCommentStatus: {
                                    attempts: number;
                                    error: {
                                        code: string;
                                        message: string | null;
                                    } | null;
                                    nextTryAt: (string) | null;
                                    publishedAt: (string) | null;
                                    remoteId: string | null;
                                    remoteUrl: string | null;
                                    /** @enum {string} */
                                    state: "pending" | "publishing" | "published" | "failed";
                                } | null;
                                /** Format: uuid */
                                id: string;
                                linkCard: {
                                    skipped: string | null;
                                    url: string | null;
                                } | null;
                                media: {
                                    alt?: string;
                                    mediaId: string;
                                }[];
                                missedByMs: number | null;
                                network: string;
                                options: {
                                    contentWarning?: string;
                                    language?: string;
                                    network?: {
                                        [key: string]: string | boolean;
                                    };
                                    /** @enum {string} */
                                    visibility?: "public" | "unlisted" | "private" | "direct";
                                };
                                postType: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document") | null;
                                publishedAt: (string) | null;
                                remoteId: string | null;
                                remoteUrl: string | null;
                                /** @enum {string} */
                                state: "pending" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                                text: string;
                                thread: {
                                    media: {
                                        alt?: string;
                                        mediaId: string;
                                    }[];
                                    text: string;
                                }[];
                                title: string | null;
                            }[];
                            recurringRuleId: string | null;
                            scheduledAt: (string) | null;
                            segmentId: string | null;
                            /** @enum {string} */
                            state: "draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/posts/{postId}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Comment on a post */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    postId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            authorId: string;
                            authorName: string | null;
                            body: string;
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            kind: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/posts/{postId}/duplicate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Duplicate a post: a new draft with the same channels, texts, media and links to strategy; undated unless scheduledAt is given */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    postId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        scheduledAt?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorId: string | null;
                            campaignId: string | null;
                            content: string;
                            createdAt: string;
                            evergreen: boolean;
                            evergreenSourceId: string | null;
                            /** Format: uuid */
                            id: string;
                            objectiveId: string | null;
                            occurrenceDetached: boolean;
                            pillarId: string | null;
                            publications: {
                                attempts: number;
                                /** Format: uuid */
                                channelId: string;
                                dueAt: (string) | null;
                                error: {
                                    code: string;
                                    message: string | null;
                                } | null;
                                firstAttemptAt: (string) | null;
                                firstComment: string | null;
                                firstCommentRemoteId: string | null;
                                firstCommentStatus: {
                                    attempts: number;
                                    error: {
                                        code: string;
                                        message: string | null;
                                    } | null;
                                    nextTryAt: (string) | null;
                                    publishedAt: (string) | null;
                                    remoteId: string | null;
                                    remoteUrl: string | null;
                                    /** @enum {string} */
                                    state: "pending" | "publishing" | "published" | "failed";
                                } | null;
                                /** Format: uuid */
                                id: string;
                                linkCard: {
                                    skipped: string | null;
                                    url: string | null;
                                } | null;
                                media: {
                                    alt?: string;
                                    mediaId: string;
                                }[];
                                missedByMs: number | null;
                                network: string;
                                options: {
                                    contentWarning?: string;
                                    language?: string;
                                    network?: {
                                        [key: string]: string | boolean;
                                    };
                                    /** @enum {string} */
                                    visibility?: "public" | "unlisted" | "private" | "direct";
                                };
                                postType: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document") | null;
                                publishedAt: (string) | null;
                                remoteId: string | null;
                                remoteUrl: string | null;
                                /** @enum {string} */
                                state: "pending" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                                text: string;
                                thread: {
                                    media: {
                                        alt?: string;
                                        mediaId: string;
                                    }[];
                                    text: string;
                                }[];
                                title: string | null;
                            }[];
                            recurringRuleId: string | null;
                            scheduledAt: (string) | null;
                            segmentId: string | null;
                            /** @enum {string} */
                            state: "draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/posts/{postId}/evergreen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A post’s evergreen status: its alternative texts, the queues whose channels cover it (gapDays null: not recycling), networks that refuse a repeated text, last and next re-share */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    postId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            earliestNextAt: (string) | null;
                            evergreen: boolean;
                            lastSharedAt: (string) | null;
                            nextShareAt: (string) | null;
                            published: boolean;
                            queues: {
                                gapDays: number | null;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                paused: boolean;
                            }[];
                            refusesDuplicates: string[];
                            reshares: {
                                /** Format: uuid */
                                postId: string;
                                queueId: string | null;
                                scheduledAt: (string) | null;
                                state: string;
                                text: string;
                            }[];
                            sourceId: string | null;
                            variants: string[];
                        };
                    };
                };
            };
        };
        /** Mark a post evergreen (with alternative texts for its re-shares) or take it out */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    postId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        evergreen: boolean;
                        variants?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            evergreen: boolean;
                            variants: string[];
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/posts/{postId}/publications/{publicationId}/first-comment/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Try a failed first comment again now (only the comment: its post is out and is never sent again) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    postId: string;
                    publicationId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorId: string | null;
                            campaignId: string | null;
                            content: string;
                            createdAt: string;
                            evergreen: boolean;
                            evergreenSourceId: string | null;
                            /** Format: uuid */
                            id: string;
                            objectiveId: string | null;
                            occurrenceDetached: boolean;
                            pillarId: string | null;
                            publications: {
                                attempts: number;
                                /** Format: uuid */
                                channelId: string;
                                dueAt: (string) | null;
                                error: {
                                    code: string;
                                    message: string | null;
                                } | null;
                                firstAttemptAt: (string) | null;
                                firstComment: string | null;
                                firstCommentRemoteId: string | null;
                                firstCommentStatus: {
                                    attempts: number;
                                    error: {
                                        code: string;
                                        message: string | null;
                                    } | null;
                                    nextTryAt: (string) | null;
                                    publishedAt: (string) | null;
                                    remoteId: string | null;
                                    remoteUrl: string | null;
                                    /** @enum {string} */
                                    state: "pending" | "publishing" | "published" | "failed";
                                } | null;
                                /** Format: uuid */
                                id: string;
                                linkCard: {
                                    skipped: string | null;
                                    url: string | null;
                                } | null;
                                media: {
                                    alt?: string;
                                    mediaId: string;
                                }[];
                                missedByMs: number | null;
                                network: string;
                                options: {
                                    contentWarning?: string;
                                    language?: string;
                                    network?: {
                                        [key: string]: string | boolean;
                                    };
                                    /** @enum {string} */
                                    visibility?: "public" | "unlisted" | "private" | "direct";
                                };
                                postType: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document") | null;
                                publishedAt: (string) | null;
                                remoteId: string | null;
                                remoteUrl: string | null;
                                /** @enum {string} */
                                state: "pending" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                                text: string;
                                thread: {
                                    media: {
                                        alt?: string;
                                        mediaId: string;
                                    }[];
                                    text: string;
                                }[];
                                title: string | null;
                            }[];
                            recurringRuleId: string | null;
                            scheduledAt: (string) | null;
                            segmentId: string | null;
                            /** @enum {string} */
                            state: "draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/posts/{postId}/publications/{publicationId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retry a failed publication now */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    postId: string;
                    publicationId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorId: string | null;
                            campaignId: string | null;
                            content: string;
                            createdAt: string;
                            evergreen: boolean;
                            evergreenSourceId: string | null;
                            /** Format: uuid */
                            id: string;
                            objectiveId: string | null;
                            occurrenceDetached: boolean;
                            pillarId: string | null;
                            publications: {
                                attempts: number;
                                /** Format: uuid */
                                channelId: string;
                                dueAt: (string) | null;
                                error: {
                                    code: string;
                                    message: string | null;
                                } | null;
                                firstAttemptAt: (string) | null;
                                firstComment: string | null;
                                firstCommentRemoteId: string | null;
                                firstCommentStatus: {
                                    attempts: number;
                                    error: {
                                        code: string;
                                        message: string | null;
                                    } | null;
                                    nextTryAt: (string) | null;
                                    publishedAt: (string) | null;
                                    remoteId: string | null;
                                    remoteUrl: string | null;
                                    /** @enum {string} */
                                    state: "pending" | "publishing" | "published" | "failed";
                                } | null;
                                /** Format: uuid */
                                id: string;
                                linkCard: {
                                    skipped: string | null;
                                    url: string | null;
                                } | null;
                                media: {
                                    alt?: string;
                                    mediaId: string;
                                }[];
                                missedByMs: number | null;
                                network: string;
                                options: {
                                    contentWarning?: string;
                                    language?: string;
                                    network?: {
                                        [key: string]: string | boolean;
                                    };
                                    /** @enum {string} */
                                    visibility?: "public" | "unlisted" | "private" | "direct";
                                };
                                postType: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document") | null;
                                publishedAt: (string) | null;
                                remoteId: string | null;
                                remoteUrl: string | null;
                                /** @enum {string} */
                                state: "pending" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                                text: string;
                                thread: {
                                    media: {
                                        alt?: string;
                                        mediaId: string;
                                    }[];
                                    text: string;
                                }[];
                                title: string | null;
                            }[];
                            recurringRuleId: string | null;
                            scheduledAt: (string) | null;
                            segmentId: string | null;
                            /** @enum {string} */
                            state: "draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/posts/{postId}/publish_now": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Workflow: publish the post now */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    postId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string;
                        publishNow?: boolean;
                        scheduledAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorId: string | null;
                            campaignId: string | null;
                            content: string;
                            createdAt: string;
                            evergreen: boolean;
                            evergreenSourceId: string | null;
                            /** Format: uuid */
                            id: string;
                            objectiveId: string | null;
                            occurrenceDetached: boolean;
                            pillarId: string | null;
                            publications: {
                                attempts: number;
                                /** Format: uuid */
                                channelId: string;
                                dueAt: (string) | null;
                                error: {
                                    code: string;
                                    message: string | null;
                                } | null;
                                firstAttemptAt: (string) | null;
                                firstComment: string | null;
                                firstCommentRemoteId: string | null;
                                firstCommentStatus: {
                                    attempts: number;
                                    error: {
                                        code: string;
                                        message: string | null;
                                    } | null;
                                    nextTryAt: (string) | null;
                                    publishedAt: (string) | null;
                                    remoteId: string | null;
                                    remoteUrl: string | null;
                                    /** @enum {string} */
                                    state: "pending" | "publishing" | "published" | "failed";
                                } | null;
                                /** Format: uuid */
                                id: string;
                                linkCard: {
                                    skipped: string | null;
                                    url: string | null;
                                } | null;
                                media: {
                                    alt?: string;
                                    mediaId: string;
                                }[];
                                missedByMs: number | null;
                                network: string;
                                options: {
                                    contentWarning?: string;
                                    language?: string;
                                    network?: {
                                        [key: string]: string | boolean;
                                    };
                                    /** @enum {string} */
                                    visibility?: "public" | "unlisted" | "private" | "direct";
                                };
                                postType: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document") | null;
                                publishedAt: (string) | null;
                                remoteId: string | null;
                                remoteUrl: string | null;
                                /** @enum {string} */
                                state: "pending" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                                text: string;
                                thread: {
                                    media: {
                                        alt?: string;
                                        mediaId: string;
                                    }[];
                                    text: string;
                                }[];
                                title: string | null;
                            }[];
                            recurringRuleId: string | null;
                            scheduledAt: (string) | null;
                            segmentId: string | null;
                            /** @enum {string} */
                            state: "draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/posts/{postId}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Workflow: send a post back to draft, saying why in a comment */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    postId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string;
                        publishNow?: boolean;
                        scheduledAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorId: string | null;
                            campaignId: string | null;
                            content: string;
                            createdAt: string;
                            evergreen: boolean;
                            evergreenSourceId: string | null;
                            /** Format: uuid */
                            id: string;
                            objectiveId: string | null;
                            occurrenceDetached: boolean;
                            pillarId: string | null;
                            publications: {
                                attempts: number;
                                /** Format: uuid */
                                channelId: string;
                                dueAt: (string) | null;
                                error: {
                                    code: string;
                                    message: string | null;
                                } | null;
                                firstAttemptAt: (string) | null;
                                firstComment: string | null;
                                firstCommentRemoteId: string | null;
                                firstCommentStatus: {
                                    attempts: number;
                                    error: {
                                        code: string;
                                        message: string | null;
                                    } | null;
                                    nextTryAt: (string) | null;
                                    publishedAt: (string) | null;
                                    remoteId: string | null;
                                    remoteUrl: string | null;
                                    /** @enum {string} */
                                    state: "pending" | "publishing" | "published" | "failed";
                                } | null;
                                /** Format: uuid */
                                id: string;
                                linkCard: {
                                    skipped: string | null;
                                    url: string | null;
                                } | null;
                                media: {
                                    alt?: string;
                                    mediaId: string;
                                }[];
                                missedByMs: number | null;
                                network: string;
                                options: {
                                    contentWarning?: string;
                                    language?: string;
                                    network?: {
                                        [key: string]: string | boolean;
                                    };
                                    /** @enum {string} */
                                    visibility?: "public" | "unlisted" | "private" | "direct";
                                };
                                postType: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document") | null;
                                publishedAt: (string) | null;
                                remoteId: string | null;
                                remoteUrl: string | null;
                                /** @enum {string} */
                                state: "pending" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                                text: string;
                                thread: {
                                    media: {
                                        alt?: string;
                                        mediaId: string;
                                    }[];
                                    text: string;
                                }[];
                                title: string | null;
                            }[];
                            recurringRuleId: string | null;
                            scheduledAt: (string) | null;
                            segmentId: string | null;
                            /** @enum {string} */
                            state: "draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/posts/{postId}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Workflow: undo a recent cancel: the post returns to the state it had (409 restore_window_passed when too late) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    postId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string;
                        publishNow?: boolean;
                        scheduledAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorId: string | null;
                            campaignId: string | null;
                            content: string;
                            createdAt: string;
                            evergreen: boolean;
                            evergreenSourceId: string | null;
                            /** Format: uuid */
                            id: string;
                            objectiveId: string | null;
                            occurrenceDetached: boolean;
                            pillarId: string | null;
                            publications: {
                                attempts: number;
                                /** Format: uuid */
                                channelId: string;
                                dueAt: (string) | null;
                                error: {
                                    code: string;
                                    message: string | null;
                                } | null;
                                firstAttemptAt: (string) | null;
                                firstComment: string | null;
                                firstCommentRemoteId: string | null;
                                firstCommentStatus: {
                                    attempts: number;
                                    error: {
                                        code: string;
                                        message: string | null;
                                    } | null;
                                    nextTryAt: (string) | null;
                                    publishedAt: (string) | null;
                                    remoteId: string | null;
                                    remoteUrl: string | null;
                                    /** @enum {string} */
                                    state: "pending" | "publishing" | "published" | "failed";
                                } | null;
                                /** Format: uuid */
                                id: string;
                                linkCard: {
                                    skipped: string | null;
                                    url: string | null;
                                } | null;
                                media: {
                                    alt?: string;
                                    mediaId: string;
                                }[];
                                missedByMs: number | null;
                                network: string;
                                options: {
                                    contentWarning?: string;
                                    language?: string;
                                    network?: {
                                        [key: string]: string | boolean;
                                    };
                                    /** @enum {string} */
                                    visibility?: "public" | "unlisted" | "private" | "direct";
                                };
                                postType: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document") | null;
                                publishedAt: (string) | null;
                                remoteId: string | null;
                                remoteUrl: string | null;
                                /** @enum {string} */
                                state: "pending" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                                text: string;
                                thread: {
                                    media: {
                                        alt?: string;
                                        mediaId: string;
                                    }[];
                                    text: string;
                                }[];
                                title: string | null;
                            }[];
                            recurringRuleId: string | null;
                            scheduledAt: (string) | null;
                            segmentId: string | null;
                            /** @enum {string} */
                            state: "draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/posts/{postId}/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Workflow: schedule (or reschedule) the post at scheduledAt */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    postId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string;
                        publishNow?: boolean;
                        scheduledAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorId: string | null;
                            campaignId: string | null;
                            content: string;
                            createdAt: string;
                            evergreen: boolean;
                            evergreenSourceId: string | null;
                            /** Format: uuid */
                            id: string;
                            objectiveId: string | null;
                            occurrenceDetached: boolean;
                            pillarId: string | null;
                            publications: {
                                attempts: number;
                                /** Format: uuid */
                                channelId: string;
                                dueAt: (string) | null;
                                error: {
                                    code: string;
                                    message: string | null;
                                } | null;
                                firstAttemptAt: (string) | null;
                                firstComment: string | null;
                                firstCommentRemoteId: string | null;
                                firstCommentStatus: {
                                    attempts: number;
                                    error: {
                                        code: string;
                                        message: string | null;
                                    } | null;
                                    nextTryAt: (string) | null;
                                    publishedAt: (string) | null;
                                    remoteId: string | null;
                                    remoteUrl: string | null;
                                    /** @enum {string} */
                                    state: "pending" | "publishing" | "published" | "failed";
                                } | null;
                                /** Format: uuid */
                                id: string;
                                linkCard: {
                                    skipped: string | null;
                                    url: string | null;
                                } | null;
                                media: {
                                    alt?: string;
                                    mediaId: string;
                                }[];
                                missedByMs: number | null;
                                network: string;
                                options: {
                                    contentWarning?: string;
                                    language?: string;
                                    network?: {
                                        [key: string]: string | boolean;
                                    };
                                    /** @enum {string} */
                                    visibility?: "public" | "unlisted" | "private" | "direct";
                                };
                                postType: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document") | null;
                                publishedAt: (string) | null;
                                remoteId: string | null;
                                remoteUrl: string | null;
                                /** @enum {string} */
                                state: "pending" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                                text: string;
                                thread: {
                                    media: {
                                        alt?: string;
                                        mediaId: string;
                                    }[];
                                    text: string;
                                }[];
                                title: string | null;
                            }[];
                            recurringRuleId: string | null;
                            scheduledAt: (string) | null;
                            segmentId: string | null;
                            /** @enum {string} */
                            state: "draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/posts/{postId}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Workflow: submit the post for review (approved at once when the workspace needs no approval) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    postId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string;
                        publishNow?: boolean;
                        scheduledAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorId: string | null;
                            campaignId: string | null;
                            content: string;
                            createdAt: string;
                            evergreen: boolean;
                            evergreenSourceId: string | null;
                            /** Format: uuid */
                            id: string;
                            objectiveId: string | null;
                            occurrenceDetached: boolean;
                            pillarId: string | null;
                            publications: {
                                attempts: number;
                                /** Format: uuid */
                                channelId: string;
                                dueAt: (string) | null;
                                error: {
                                    code: string;
                                    message: string | null;
                                } | null;
                                firstAttemptAt: (string) | null;
                                firstComment: string | null;
                                firstCommentRemoteId: string | null;
                                firstCommentStatus: {
                                    attempts: number;
                                    error: {
                                        code: string;
                                        message: string | null;
                                    } | null;
                                    nextTryAt: (string) | null;
                                    publishedAt: (string) | null;
                                    remoteId: string | null;
                                    remoteUrl: string | null;
                                    /** @enum {string} */
                                    state: "pending" | "publishing" | "published" | "failed";
                                } | null;
                                /** Format: uuid */
                                id: string;
                                linkCard: {
                                    skipped: string | null;
                                    url: string | null;
                                } | null;
                                media: {
                                    alt?: string;
                                    mediaId: string;
                                }[];
                                missedByMs: number | null;
                                network: string;
                                options: {
                                    contentWarning?: string;
                                    language?: string;
                                    network?: {
                                        [key: string]: string | boolean;
                                    };
                                    /** @enum {string} */
                                    visibility?: "public" | "unlisted" | "private" | "direct";
                                };
                                postType: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document") | null;
                                publishedAt: (string) | null;
                                remoteId: string | null;
                                remoteUrl: string | null;
                                /** @enum {string} */
                                state: "pending" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                                text: string;
                                thread: {
                                    media: {
                                        alt?: string;
                                        mediaId: string;
                                    }[];
                                    text: string;
                                }[];
                                title: string | null;
                            }[];
                            recurringRuleId: string | null;
                            scheduledAt: (string) | null;
                            segmentId: string | null;
                            /** @enum {string} */
                            state: "draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/posts/{postId}/unschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Workflow: take a scheduled post off the queue */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    postId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string;
                        publishNow?: boolean;
                        scheduledAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorId: string | null;
                            campaignId: string | null;
                            content: string;
                            createdAt: string;
                            evergreen: boolean;
                            evergreenSourceId: string | null;
                            /** Format: uuid */
                            id: string;
                            objectiveId: string | null;
                            occurrenceDetached: boolean;
                            pillarId: string | null;
                            publications: {
                                attempts: number;
                                /** Format: uuid */
                                channelId: string;
                                dueAt: (string) | null;
                                error: {
                                    code: string;
                                    message: string | null;
                                } | null;
                                firstAttemptAt: (string) | null;
                                firstComment: string | null;
                                firstCommentRemoteId: string | null;
                                firstCommentStatus: {
                                    attempts: number;
                                    error: {
                                        code: string;
                                        message: string | null;
                                    } | null;
                                    nextTryAt: (string) | null;
                                    publishedAt: (string) | null;
                                    remoteId: string | null;
                                    remoteUrl: string | null;
                                    /** @enum {string} */
                                    state: "pending" | "publishing" | "published" | "failed";
                                } | null;
                                /** Format: uuid */
                                id: string;
                                linkCard: {
                                    skipped: string | null;
                                    url: string | null;
                                } | null;
                                media: {
                                    alt?: string;
                                    mediaId: string;
                                }[];
                                missedByMs: number | null;
                                network: string;
                                options: {
                                    contentWarning?: string;
                                    language?: string;
                                    network?: {
                                        [key: string]: string | boolean;
                                    };
                                    /** @enum {string} */
                                    visibility?: "public" | "unlisted" | "private" | "direct";
                                };
                                postType: ("text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document") | null;
                                publishedAt: (string) | null;
                                remoteId: string | null;
                                remoteUrl: string | null;
                                /** @enum {string} */
                                state: "pending" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                                text: string;
                                thread: {
                                    media: {
                                        alt?: string;
                                        mediaId: string;
                                    }[];
                                    text: string;
                                }[];
                                title: string | null;
                            }[];
                            recurringRuleId: string | null;
                            scheduledAt: (string) | null;
                            segmentId: string | null;
                            /** @enum {string} */
                            state: "draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "failed" | "canceled";
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/posts/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create many posts at once (CSV import): all rows are stored, or none, with an error per failing row */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        posts: {
                            /**
                             * @default draft
                             * @enum {string}
                             */
                            action?: "draft" | "submit" | "schedule" | "publish_now";
                            campaignId?: string | null;
                            channels: {
                                /** Format: uuid */
                                channelId: string;
                                firstComment?: string;
                                media?: {
                                    alt?: string;
                                    /** Format: uuid */
                                    mediaId: string;
                                }[];
                                /** @default {} */
                                options?: {
                                    contentWarning?: string;
                                    language?: string;
                                    network?: {
                                        [key: string]: string | boolean;
                                    };
                                    /** @enum {string} */
                                    visibility?: "public" | "unlisted" | "private" | "direct";
                                };
                                /** @enum {string} */
                                postType?: "text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document";
                                text?: string;
                                thread?: {
                                    /** @default [] */
                                    media?: {
                                        alt?: string;
                                        /** Format: uuid */
                                        mediaId: string;
                                    }[];
                                    text: string;
                                }[];
                                title?: string;
                            }[];
                            /** @default  */
                            content?: string;
                            firstComment?: string;
                            /** @default [] */
                            media?: {
                                alt?: string;
                                /** Format: uuid */
                                mediaId: string;
                            }[];
                            objectiveId?: string | null;
                            pillarId?: string | null;
                            /** @enum {string} */
                            postType?: "text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document";
                            scheduledAt?: string | null;
                            segmentId?: string | null;
                            /** @default [] */
                            thread?: {
                                /** @default [] */
                                media?: {
                                    alt?: string;
                                    /** Format: uuid */
                                    mediaId: string;
                                }[];
                                text: string;
                            }[];
                            title?: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            ids: string[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/posts/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check a post against every channel’s limits without saving it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        campaignId?: string | null;
                        channels: {
                            /** Format: uuid */
                            channelId: string;
                            firstComment?: string;
                            media?: {
                                alt?: string;
                                /** Format: uuid */
                                mediaId: string;
                            }[];
                            /** @default {} */
                            options?: {
                                contentWarning?: string;
                                language?: string;
                                network?: {
                                    [key: string]: string | boolean;
                                };
                                /** @enum {string} */
                                visibility?: "public" | "unlisted" | "private" | "direct";
                            };
                            /** @enum {string} */
                            postType?: "text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document";
                            text?: string;
                            thread?: {
                                /** @default [] */
                                media?: {
                                    alt?: string;
                                    /** Format: uuid */
                                    mediaId: string;
                                }[];
                                text: string;
                            }[];
                            title?: string;
                        }[];
                        /** @default  */
                        content?: string;
                        firstComment?: string;
                        /** @default [] */
                        media?: {
                            alt?: string;
                            /** Format: uuid */
                            mediaId: string;
                        }[];
                        objectiveId?: string | null;
                        pillarId?: string | null;
                        /** @enum {string} */
                        postType?: "text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document";
                        segmentId?: string | null;
                        /** @default [] */
                        thread?: {
                            /** @default [] */
                            media?: {
                                alt?: string;
                                /** Format: uuid */
                                mediaId: string;
                            }[];
                            text: string;
                        }[];
                        title?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channels: {
                                apiCost?: {
                                    calls: {
                                        amount: number;
                                        count: number;
                                        type: string;
                                        unitPrice: number;
                                    }[];
                                    /** @enum {string} */
                                    currency: "USD";
                                    postsWithLinks: number;
                                    pricesAsOf: string;
                                    pricesSource: string;
                                    total: number;
                                };
                                /** Format: uuid */
                                channelId: string;
                                issues: {
                                    code: string;
                                    field: string;
                                    message: string;
                                    messageEs: string;
                                    params?: {
                                        [key: string]: string | number;
                                    };
                                }[];
                                network: string;
                            }[];
                            ok: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/queues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Queues with their slots, channels, posts held and next free slots */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                channelIds: string[];
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                nextFreeSlots: (string)[];
                                paused: boolean;
                                posts: number;
                                slots: {
                                    time: string;
                                    weekday: number;
                                }[];
                                timeZone: string;
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a queue: a name, its channels and weekly slots in the workspace time zone */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default [] */
                        channelIds?: string[];
                        name: string;
                        /** @default [] */
                        slots?: {
                            time: string;
                            weekday: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channelIds: string[];
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            nextFreeSlots: (string)[];
                            paused: boolean;
                            posts: number;
                            slots: {
                                time: string;
                                weekday: number;
                            }[];
                            timeZone: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/queues/{queueId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One queue with the posts it holds, in order */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    queueId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channelIds: string[];
                            createdAt: string;
                            heldPosts: {
                                content: string;
                                /** Format: uuid */
                                id: string;
                                scheduledAt: (string) | null;
                                state: string;
                            }[];
                            /** Format: uuid */
                            id: string;
                            name: string;
                            nextFreeSlots: (string)[];
                            paused: boolean;
                            posts: number;
                            slots: {
                                time: string;
                                weekday: number;
                            }[];
                            timeZone: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a queue (its posts keep their times) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    queueId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename, change channels or slots (its posts move to the new slots, in order), pause or resume */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    queueId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        channelIds?: string[];
                        name?: string;
                        paused?: boolean;
                        slots?: {
                            time: string;
                            weekday: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channelIds: string[];
                            createdAt: string;
                            heldPosts: {
                                content: string;
                                /** Format: uuid */
                                id: string;
                                scheduledAt: (string) | null;
                                state: string;
                            }[];
                            /** Format: uuid */
                            id: string;
                            moved: number;
                            name: string;
                            nextFreeSlots: (string)[];
                            paused: boolean;
                            posts: number;
                            slots: {
                                time: string;
                                weekday: number;
                            }[];
                            timeZone: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/queues/{queueId}/evergreen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Let a queue recycle evergreen posts into its free slots, at least gapDays apart per post (null: stop recycling) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    queueId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        gapDays: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            evergreenGapDays: number | null;
                            /** Format: uuid */
                            queueId: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/queues/{queueId}/evergreen/fill": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Fill the queue’s free slots of the coming week with evergreen re-shares now (the hourly job does the same) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    queueId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                postId: string;
                                scheduledAt: string;
                                /** Format: uuid */
                                sourceId: string;
                                text: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/queues/{queueId}/order": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Reorder the posts a queue holds (every one of them, in the new order); their slot times are handed out again */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    queueId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        postIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            moved: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/queues/{queueId}/posts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a post to the queue: it is scheduled in the next free slot (held unscheduled while the queue is paused) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    queueId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        postId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            postId: string;
                            /** Format: uuid */
                            queueId: string;
                            scheduledAt: (string) | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/queues/suggested-slots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Slots proposed from the best-time grid (best hours by engagement rate), with their evidence */
        get: {
            parameters: {
                query?: {
                    channelId?: string;
                    perWeek?: number;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            minSample: number;
                            reasonCode: "not_enough_posts" | null;
                            samples: number;
                            slots: {
                                posts: number;
                                rate: number;
                                time: string;
                                weekday: number;
                            }[];
                            timeZone: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/recurring": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recurring posts, newest first, with their occurrence counts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                action: string;
                                authorId: string | null;
                                channelIds: string[];
                                content: string;
                                createdAt: string;
                                finished: boolean;
                                generatedUntil: string;
                                /** Format: uuid */
                                id: string;
                                nextAt: (string) | null;
                                occurrences: {
                                    published: number;
                                    total: number;
                                    upcoming: number;
                                };
                                rule: string;
                                startsLocal: string;
                                stoppedAt: (string) | null;
                                timeZone: string;
                                windowDays: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a recurring post: a post body, an RRULE and its first local date and time; occurrences are created as posts up to windowDays ahead */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        post: {
                            /**
                             * @default draft
                             * @enum {string}
                             */
                            action?: "draft" | "submit" | "schedule" | "publish_now";
                            campaignId?: string | null;
                            channels: {
                                /** Format: uuid */
                                channelId: string;
                                firstComment?: string;
                                media?: {
                                    alt?: string;
                                    /** Format: uuid */
                                    mediaId: string;
                                }[];
                                /** @default {} */
                                options?: {
                                    contentWarning?: string;
                                    language?: string;
                                    network?: {
                                        [key: string]: string | boolean;
                                    };
                                    /** @enum {string} */
                                    visibility?: "public" | "unlisted" | "private" | "direct";
                                };
                                /** @enum {string} */
                                postType?: "text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document";
                                text?: string;
                                thread?: {
                                    /** @default [] */
                                    media?: {
                                        alt?: string;
                                        /** Format: uuid */
                                        mediaId: string;
                                    }[];
                                    text: string;
                                }[];
                                title?: string;
                            }[];
                            /** @default  */
                            content?: string;
                            firstComment?: string;
                            /** @default [] */
                            media?: {
                                alt?: string;
                                /** Format: uuid */
                                mediaId: string;
                            }[];
                            objectiveId?: string | null;
                            pillarId?: string | null;
                            /** @enum {string} */
                            postType?: "text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document";
                            scheduledAt?: string | null;
                            segmentId?: string | null;
                            /** @default [] */
                            thread?: {
                                /** @default [] */
                                media?: {
                                    alt?: string;
                                    /** Format: uuid */
                                    mediaId: string;
                                }[];
                                text: string;
                            }[];
                            title?: string;
                        };
                        rule: string;
                        startsLocal: string;
                        windowDays?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: string;
                            authorId: string | null;
                            channelIds: string[];
                            content: string;
                            createdAt: string;
                            finished: boolean;
                            generatedUntil: string;
                            /** Format: uuid */
                            id: string;
                            items: {
                                detached: boolean;
                                local: string;
                                /** Format: uuid */
                                postId: string;
                                scheduledAt: (string) | null;
                                state: string;
                            }[];
                            nextAt: (string) | null;
                            occurrences: {
                                published: number;
                                total: number;
                                upcoming: number;
                            };
                            rule: string;
                            startsLocal: string;
                            stoppedAt: (string) | null;
                            template: {
                                [key: string]: unknown;
                            };
                            timeZone: string;
                            windowDays: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/recurring/{ruleId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One recurring post with its occurrences */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ruleId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: string;
                            authorId: string | null;
                            channelIds: string[];
                            content: string;
                            createdAt: string;
                            finished: boolean;
                            generatedUntil: string;
                            /** Format: uuid */
                            id: string;
                            items: {
                                detached: boolean;
                                local: string;
                                /** Format: uuid */
                                postId: string;
                                scheduledAt: (string) | null;
                                state: string;
                            }[];
                            nextAt: (string) | null;
                            occurrences: {
                                published: number;
                                total: number;
                                upcoming: number;
                            };
                            rule: string;
                            startsLocal: string;
                            stoppedAt: (string) | null;
                            template: {
                                [key: string]: unknown;
                            };
                            timeZone: string;
                            windowDays: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit all future occurrences (text and channels, rule, start or window); occurrences edited on their own and past ones stay */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ruleId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        post?: {
                            /**
                             * @default draft
                             * @enum {string}
                             */
                            action?: "draft" | "submit" | "schedule" | "publish_now";
                            campaignId?: string | null;
                            channels: {
                                /** Format: uuid */
                                channelId: string;
                                firstComment?: string;
                                media?: {
                                    alt?: string;
                                    /** Format: uuid */
                                    mediaId: string;
                                }[];
                                /** @default {} */
                                options?: {
                                    contentWarning?: string;
                                    language?: string;
                                    network?: {
                                        [key: string]: string | boolean;
                                    };
                                    /** @enum {string} */
                                    visibility?: "public" | "unlisted" | "private" | "direct";
                                };
                                /** @enum {string} */
                                postType?: "text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document";
                                text?: string;
                                thread?: {
                                    /** @default [] */
                                    media?: {
                                        alt?: string;
                                        /** Format: uuid */
                                        mediaId: string;
                                    }[];
                                    text: string;
                                }[];
                                title?: string;
                            }[];
                            /** @default  */
                            content?: string;
                            firstComment?: string;
                            /** @default [] */
                            media?: {
                                alt?: string;
                                /** Format: uuid */
                                mediaId: string;
                            }[];
                            objectiveId?: string | null;
                            pillarId?: string | null;
                            /** @enum {string} */
                            postType?: "text" | "link" | "image" | "carousel" | "video" | "reel" | "story" | "thread" | "document";
                            scheduledAt?: string | null;
                            segmentId?: string | null;
                            /** @default [] */
                            thread?: {
                                /** @default [] */
                                media?: {
                                    alt?: string;
                                    /** Format: uuid */
                                    mediaId: string;
                                }[];
                                text: string;
                            }[];
                            title?: string;
                        };
                        rule?: string;
                        startsLocal?: string;
                        windowDays?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: string;
                            authorId: string | null;
                            channelIds: string[];
                            content: string;
                            created: number;
                            createdAt: string;
                            finished: boolean;
                            generatedUntil: string;
                            /** Format: uuid */
                            id: string;
                            items: {
                                detached: boolean;
                                local: string;
                                /** Format: uuid */
                                postId: string;
                                scheduledAt: (string) | null;
                                state: string;
                            }[];
                            nextAt: (string) | null;
                            occurrences: {
                                published: number;
                                total: number;
                                upcoming: number;
                            };
                            removed: number;
                            rule: string;
                            startsLocal: string;
                            stoppedAt: (string) | null;
                            template: {
                                [key: string]: unknown;
                            };
                            timeZone: string;
                            windowDays: number;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/recurring/{ruleId}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop a recurring post: its future occurrences not yet publishing (and not edited on their own) are deleted */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ruleId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: string;
                            authorId: string | null;
                            channelIds: string[];
                            content: string;
                            createdAt: string;
                            finished: boolean;
                            generatedUntil: string;
                            /** Format: uuid */
                            id: string;
                            items: {
                                detached: boolean;
                                local: string;
                                /** Format: uuid */
                                postId: string;
                                scheduledAt: (string) | null;
                                state: string;
                            }[];
                            nextAt: (string) | null;
                            occurrences: {
                                published: number;
                                total: number;
                                upcoming: number;
                            };
                            removed: number;
                            rule: string;
                            startsLocal: string;
                            stoppedAt: (string) | null;
                            template: {
                                [key: string]: unknown;
                            };
                            timeZone: string;
                            windowDays: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/report-schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Scheduled e-mail reports */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                formats: ("pdf" | "csv")[];
                                /** @enum {string} */
                                frequency: "weekly" | "monthly";
                                /** Format: uuid */
                                id: string;
                                language: string;
                                lastError: string | null;
                                lastErrorCode: string | null;
                                lastRunAt: (string) | null;
                                name: string;
                                nextRunAt: string;
                                recipients: string[];
                                scope: {
                                    /** Format: uuid */
                                    campaignId?: string;
                                    /** Format: uuid */
                                    channelId?: string;
                                    /** Format: uuid */
                                    objectiveId?: string;
                                };
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Schedule a weekly or monthly report by e-mail */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @default [
                         *       "pdf"
                         *     ]
                         */
                        formats?: ("pdf" | "csv")[];
                        /** @enum {string} */
                        frequency: "weekly" | "monthly";
                        /**
                         * @default en
                         * @enum {string}
                         */
                        language?: "en" | "es";
                        name: string;
                        recipients: string[];
                        /** @default {} */
                        scope?: {
                            /** Format: uuid */
                            campaignId?: string;
                            /** Format: uuid */
                            channelId?: string;
                            /** Format: uuid */
                            objectiveId?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            formats: ("pdf" | "csv")[];
                            /** @enum {string} */
                            frequency: "weekly" | "monthly";
                            /** Format: uuid */
                            id: string;
                            language: string;
                            lastError: string | null;
                            lastErrorCode: string | null;
                            lastRunAt: (string) | null;
                            name: string;
                            nextRunAt: string;
                            recipients: string[];
                            scope: {
                                /** Format: uuid */
                                campaignId?: string;
                                /** Format: uuid */
                                channelId?: string;
                                /** Format: uuid */
                                objectiveId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/report-schedules/{scheduleId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a report schedule */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    scheduleId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/report-schedules/{scheduleId}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a scheduled report now */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    scheduleId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error?: string;
                            errorCode?: string;
                            ok: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/roi": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Clicks, leads, value, cost, CPL and ROI by campaign, channel or objective */
        get: {
            parameters: {
                query?: {
                    by?: "campaign" | "channel" | "objective";
                    from?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            by: "campaign" | "channel" | "objective";
                            formulas: {
                                cpl: string;
                                roi: string;
                            };
                            formulasEs: {
                                cpl: string;
                                roi: string;
                            };
                            items: {
                                campaignId?: string | null;
                                channelId?: string | null;
                                clicks: number;
                                cost: number;
                                cpl: number | null;
                                cplReason: string | null;
                                leads: number;
                                objectiveId?: string | null;
                                roi: number | null;
                                roiReason: string | null;
                                value: number;
                            }[];
                            range: {
                                from: string;
                                to: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/sandbox/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the simulated (sandbox) network received from this workspace’s sandbox channels, and how its simulated audience reacted */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channels: {
                                followers: number | null;
                                handle: string;
                                /** Format: uuid */
                                id: string;
                                inProcess: boolean;
                                name: string;
                            }[];
                            entries: {
                                acceptedAt: string;
                                /** Format: uuid */
                                channelId: string;
                                channelName: string;
                                handle: string;
                                mediaCount: number;
                                metrics: {
                                    clicks: number;
                                    impressions: number;
                                    likes: number;
                                    quotes: number;
                                    reach: number;
                                    replies: number;
                                    reposts: number;
                                } | null;
                                postId: string | null;
                                publicationId: string | null;
                                remotePostId: string;
                                replies: {
                                    authorHandle: string;
                                    authorName: string;
                                    createdAt: string;
                                    id: string;
                                    sentiment: string;
                                    text: string;
                                }[];
                                text: string;
                            }[];
                            /** @enum {boolean} */
                            simulated: true;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List segments */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                activeHours: {
                                    fromHour: number;
                                    toHour: number;
                                    weekday: number;
                                }[];
                                createdAt: string;
                                description: string;
                                /** Format: uuid */
                                id: string;
                                interests: string[];
                                name: string;
                                networks: string[];
                                updatedAt: string;
                                /** Format: uuid */
                                workspaceId: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a segment */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        activeHours?: {
                            fromHour: number;
                            toHour: number;
                            weekday: number;
                        }[];
                        description?: string;
                        interests?: string[];
                        name: string;
                        networks?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            activeHours: {
                                fromHour: number;
                                toHour: number;
                                weekday: number;
                            }[];
                            createdAt: string;
                            description: string;
                            /** Format: uuid */
                            id: string;
                            interests: string[];
                            name: string;
                            networks: string[];
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/segments/{itemId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a segment */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    itemId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            activeHours: {
                                fromHour: number;
                                toHour: number;
                                weekday: number;
                            }[];
                            createdAt: string;
                            description: string;
                            /** Format: uuid */
                            id: string;
                            interests: string[];
                            name: string;
                            networks: string[];
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a segment (posts keep their history) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    itemId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Update a segment */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    itemId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        activeHours?: {
                            fromHour: number;
                            toHour: number;
                            weekday: number;
                        }[];
                        description?: string;
                        interests?: string[];
                        name?: string;
                        networks?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            activeHours: {
                                fromHour: number;
                                toHour: number;
                                weekday: number;
                            }[];
                            createdAt: string;
                            description: string;
                            /** Format: uuid */
                            id: string;
                            interests: string[];
                            name: string;
                            networks: string[];
                            updatedAt: string;
                            /** Format: uuid */
                            workspaceId: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/snippets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Saved text snippets and hashtag sets */
        get: {
            parameters: {
                query?: {
                    kind?: "text" | "hashtags";
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                body: string;
                                createdAt: string;
                                hashtags: string[];
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "text" | "hashtags";
                                name: string;
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Save a text snippet, or a hashtag set (tags separated by spaces or commas; the “#” may be left out) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                        /** @enum {string} */
                        kind: "text" | "hashtags";
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            body: string;
                            createdAt: string;
                            hashtags: string[];
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "text" | "hashtags";
                            name: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/snippets/{snippetId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a snippet or hashtag set */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    snippetId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a snippet or change its text */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    snippetId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body?: string;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            body: string;
                            createdAt: string;
                            hashtags: string[];
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "text" | "hashtags";
                            name: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                createdAt: string;
                                events: string[];
                                /** Format: uuid */
                                id: string;
                                url: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Subscribe a URL; the signing secret is returned once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        events: ("post.published" | "post.failed" | "channel.needs_reconnect" | "channel.token_expiring" | "publication.missed" | "listening.reputation_alert" | "objective.off_track" | "objective.on_track" | "report.sent" | "report.failed" | "queue.post_added" | "queue.paused" | "queue.resumed" | "queue.slots_changed" | "client_link.approved" | "client_link.rejected" | "feed.item.created" | "feed.failed" | "contact.stage_changed")[];
                        /** Format: uri */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            createdAt: string;
                            events: string[];
                            /** Format: uuid */
                            id: string;
                            secret: string;
                            url: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/webhooks/{webhookId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    webhookId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/webhooks/{webhookId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest 100 deliveries, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    webhookId: string;
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attempts: number;
                                createdAt: string;
                                deliveredAt: (string) | null;
                                eventId: string;
                                eventType: string;
                                /** Format: uuid */
                                id: string;
                                lastError: string | null;
                                lastErrorCode: string | null;
                                lastStatus: number | null;
                                state: string;
                                /** Format: uuid */
                                webhookId: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
