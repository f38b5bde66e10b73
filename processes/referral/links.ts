/**
 * The referral's one-time links as `reference_links` records them: which `reference_id` a
 * volunteer's withdraw and address-confirmation links carry. A pure module: its activities
 * mint them, its routes (and the reference form, which refuses them) look them up.
 */

/** The `reference_id` of a referral's withdraw link in `reference_links`. */
export const WITHDRAW_LINK = 'withdraw';
/** The `reference_id` of a referral's address-confirmation link in `reference_links`. */
export const CONFIRM_LINK = 'confirm';
