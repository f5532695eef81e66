//! A minimal PSP22-style fungible token. The benchmark (`scripts/bench`) measures its `transfer`
//! as "one ordinary contract call" and states every suite message as a multiple of it.
//!
//! Invariant: the balances sum to `total_supply`, which is fixed at instantiation.

#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
mod reference_token {
    use ink::storage::Mapping;

    /// Why a token message failed (PSP22's error names).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum PSP22Error {
        /// The sender holds less than the amount.
        InsufficientBalance,
        /// The spender's allowance is less than the amount.
        InsufficientAllowance,
    }

    /// Tokens moved.
    #[ink(event)]
    pub struct Transfer {
        /// Sender.
        #[ink(topic)]
        pub from: Option<AccountId>,
        /// Recipient.
        #[ink(topic)]
        pub to: Option<AccountId>,
        /// Amount.
        pub value: Balance,
    }

    /// An allowance was set.
    #[ink(event)]
    pub struct Approval {
        /// Owner.
        #[ink(topic)]
        pub owner: AccountId,
        /// Spender.
        #[ink(topic)]
        pub spender: AccountId,
        /// New allowance.
        pub value: Balance,
    }

    /// The token's storage.
    #[ink(storage)]
    pub struct ReferenceToken {
        total_supply: Balance,
        balances: Mapping<AccountId, Balance>,
        allowances: Mapping<(AccountId, AccountId), Balance>,
    }

    impl ReferenceToken {
        /// Mints `total_supply` to the caller.
        #[ink(constructor)]
        pub fn new(total_supply: Balance) -> Self {
            let caller = Self::env().caller();
            let mut balances = Mapping::default();
            balances.insert(caller, &total_supply);
            Self::env().emit_event(Transfer {
                from: None,
                to: Some(caller),
                value: total_supply,
            });
            Self {
                total_supply,
                balances,
                allowances: Mapping::default(),
            }
        }

        /// All tokens in existence. Anyone may call.
        #[ink(message)]
        pub fn total_supply(&self) -> Balance {
            self.total_supply
        }

        /// The balance of `owner`. Anyone may call.
        #[ink(message)]
        pub fn balance_of(&self, owner: AccountId) -> Balance {
            self.balances.get(owner).unwrap_or(0)
        }

        /// How much `spender` may still move from `owner`. Anyone may call.
        #[ink(message)]
        pub fn allowance(&self, owner: AccountId, spender: AccountId) -> Balance {
            self.allowances.get((owner, spender)).unwrap_or(0)
        }

        /// Moves `value` from the caller to `to`. Any holder may call.
        ///
        /// Errors: [`PSP22Error::InsufficientBalance`].
        #[ink(message)]
        pub fn transfer(
            &mut self,
            to: AccountId,
            value: Balance,
            _data: ink::prelude::vec::Vec<u8>,
        ) -> Result<(), PSP22Error> {
            let from = self.env().caller();
            self.move_tokens(from, to, value)
        }

        /// Lets `spender` move up to `value` of the caller's tokens. Any holder may call.
        #[ink(message)]
        pub fn approve(&mut self, spender: AccountId, value: Balance) -> Result<(), PSP22Error> {
            let owner = self.env().caller();
            self.allowances.insert((owner, spender), &value);
            self.env().emit_event(Approval {
                owner,
                spender,
                value,
            });
            Ok(())
        }

        /// Moves `value` from `from` to `to` against the caller's allowance.
        ///
        /// Errors: [`PSP22Error::InsufficientAllowance`], [`PSP22Error::InsufficientBalance`].
        #[ink(message)]
        pub fn transfer_from(
            &mut self,
            from: AccountId,
            to: AccountId,
            value: Balance,
            _data: ink::prelude::vec::Vec<u8>,
        ) -> Result<(), PSP22Error> {
            let spender = self.env().caller();
            let allowance = self.allowance(from, spender);
            let left = allowance
                .checked_sub(value)
                .ok_or(PSP22Error::InsufficientAllowance)?;
            self.move_tokens(from, to, value)?;
            self.allowances.insert((from, spender), &left);
            Ok(())
        }

        fn move_tokens(
            &mut self,
            from: AccountId,
            to: AccountId,
            value: Balance,
        ) -> Result<(), PSP22Error> {
            let from_balance = self.balance_of(from);
            let left = from_balance
                .checked_sub(value)
                .ok_or(PSP22Error::InsufficientBalance)?;
            self.balances.insert(from, &left);
            // The sum of balances is the fixed supply, so the recipient's cannot overflow.
            let to_balance = self.balance_of(to).saturating_add(value);
            self.balances.insert(to, &to_balance);
            self.env().emit_event(Transfer {
                from: Some(from),
                to: Some(to),
                value,
            });
            Ok(())
        }
    }
}
