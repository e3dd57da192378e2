/**
 * Google Business Profile APIs, pinned in this one place: accounts (Account Management API v1),
 * locations (Business Information API v1), local posts and reviews (My Business API v4, still the
 * home of both), performance (Business Profile Performance API v1).
 */
export const GBP_API = {
  accounts: 'https://mybusinessaccountmanagement.googleapis.com/v1/accounts',
  businessInformation: 'https://mybusinessbusinessinformation.googleapis.com/v1',
  v4: 'https://mybusiness.googleapis.com/v4',
  performance: 'https://businessprofileperformance.googleapis.com/v1',
} as const;

/** The one scope of every Business Profile API. */
export const GBP_SCOPES = ['https://www.googleapis.com/auth/business.manage'] as const;

export interface GbpDate {
  year: number;
  month: number;
  day: number;
}
export interface GbpTime {
  hours: number;
  minutes: number;
}

export interface GbpLocalPost {
  name?: string;
  languageCode?: string;
  summary?: string;
  callToAction?: { actionType: string; url?: string };
  createTime?: string;
  updateTime?: string;
  event?: { title: string; schedule: { startDate: GbpDate; startTime?: GbpTime; endDate: GbpDate; endTime?: GbpTime } };
  state?: 'LOCAL_POST_STATE_UNSPECIFIED' | 'REJECTED' | 'LIVE' | 'PROCESSING';
  media?: Array<{ mediaFormat: 'PHOTO' | 'VIDEO'; sourceUrl?: string; googleUrl?: string; name?: string }>;
  searchUrl?: string;
  topicType?: 'STANDARD' | 'EVENT' | 'OFFER' | 'ALERT';
  offer?: { couponCode?: string; redeemOnlineUrl?: string; termsConditions?: string };
}

export interface GbpReview {
  name: string;
  reviewId: string;
  reviewer?: { displayName?: string; profilePhotoUrl?: string; isAnonymous?: boolean };
  starRating?: 'STAR_RATING_UNSPECIFIED' | 'ONE' | 'TWO' | 'THREE' | 'FOUR' | 'FIVE';
  comment?: string;
  createTime?: string;
  updateTime?: string;
  reviewReply?: { comment: string; updateTime?: string };
}
