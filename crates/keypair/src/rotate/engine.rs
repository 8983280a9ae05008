//! The rotation's steps, the same for a superadmin and for self-service: each one
//! checked before the next, and a lost answer read back before anything is sent again.

use std::sync::Arc;

use backendai_transport::{Credentials, Transport};
use secrecy::SecretString;

use super::{MainRole, OldKey, Retire, Rotation, RotationPlan, RotationProgress, Step};
use crate::{Error, KeyPairClient};

/// A key's settings, as far as telling a rotation's new key apart needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeyFacts {
    pub access_key: String,
    pub resource_policy: String,
    pub rate_limit: i64,
    pub is_admin: bool,
}

impl KeyFacts {
    fn is_like(&self, old: &OldKey) -> bool {
        self.resource_policy == old.resource_policy
            && self.rate_limit == old.rate_limit
            && self.is_admin == old.is_admin
    }
}

/// Who rotates: a superadmin through the admin API, or the user through the v2 API.
pub(crate) trait Side: Sync {
    /// Where this manager keeps the main key role.
    fn main_role(&self) -> MainRole;
    /// Whether only a user's main key signs requests (manager 23.09): a new key can be
    /// proven only once it holds the role.
    fn only_main_signs(&self) -> bool {
        false
    }
    /// The key, or `None` if there is no such key.
    async fn read(&self, access_key: &str) -> Result<Option<OldKey>, Error>;
    /// The keys of the old key's user.
    async fn keys_of(&self, old: &OldKey) -> Result<Vec<KeyFacts>, Error>;
    /// Whether `key`, new since the create was sent, can be the one it made.
    fn is_successor(&self, old: &OldKey, key: &KeyFacts) -> bool {
        key.is_like(old)
    }
    /// A new active key with the old key's settings, and its secret.
    async fn create(&self, old: &OldKey) -> Result<(String, SecretString), Error>;
    /// The secret of a key made earlier, where this side can read it.
    async fn secret_of(&self, access_key: &str) -> Result<Option<SecretString>, Error>;
    /// Removes a key made earlier whose secret is lost.
    async fn discard(&self, access_key: &str) -> Result<(), Error>;
    /// Moves the main role to `new`; `as_new` signs with the new key.
    async fn move_main(
        &self,
        old: &OldKey,
        new: &str,
        as_new: &KeyPairClient<Arc<dyn Transport>>,
    ) -> Result<(), Error>;
    /// Gives the main role back to the old key, signed as the caller (a new key whose
    /// secret is lost must not keep it).
    async fn restore_main(&self, old: &OldKey) -> Result<(), Error>;
    /// Whether `key` holds the main role now.
    async fn is_main(&self, old: &OldKey, key: &str) -> Result<bool, Error>;
    /// Retires the old key; `as_new` signs with the new key.
    async fn retire(
        &self,
        old: &str,
        retire: Retire,
        as_new: &KeyPairClient<Arc<dyn Transport>>,
    ) -> Result<(), Error>;
    /// Whether the old key is retired as asked (after a lost answer); `as_new` signs with
    /// the new key.
    async fn is_retired(
        &self,
        old: &str,
        retire: Retire,
        as_new: &KeyPairClient<Arc<dyn Transport>>,
    ) -> Result<bool, Error>;
    /// The transport whose connections the new key's client shares.
    fn transport(&self) -> &dyn Transport;
}

/// The steps of a fresh rotation of `old`. Where only the main key signs (23.09), the
/// new key takes the role first and is proven then (the role goes back if it fails), and
/// a key without the role, which signs nothing, is replaced without a proof.
fn all_steps(old: &OldKey, retire: Retire, only_main_signs: bool) -> Vec<Step> {
    let mut steps = vec![Step::CreateKey];
    match (only_main_signs, old.is_main) {
        (false, false) => steps.push(Step::ProveKey),
        (false, true) => steps.extend([Step::ProveKey, Step::MoveMainRole]),
        (true, true) => steps.extend([Step::MoveMainRole, Step::ProveKey]),
        (true, false) => {}
    }
    steps.push(match retire {
        Retire::Deactivate => Step::DeactivateOld,
        Retire::Delete => Step::DeleteOld,
    });
    steps
}

pub(crate) async fn plan<S: Side>(
    side: &S,
    access_key: &str,
    retire: Retire,
    resume: Option<&RotationProgress>,
) -> Result<RotationPlan, Error> {
    let progress = checked_progress(access_key, resume)?;
    let old = side
        .read(access_key)
        .await?
        .ok_or_else(|| cannot(access_key, "there is no such keypair"))?;
    let done = progress.map(|p| p.done.clone()).unwrap_or_default();
    if done.is_empty() && !old.is_active {
        return Err(cannot(
            access_key,
            "it is inactive: there is nothing to rotate",
        ));
    }
    let mut steps = all_steps(&old, retire, side.only_main_signs());
    steps.retain(|step| !done.contains(step));
    Ok(RotationPlan {
        old,
        main_role: side.main_role(),
        new_access_key: progress.and_then(|p| p.new_access_key.clone()),
        retire,
        done,
        steps,
    })
}

fn checked_progress<'a>(
    access_key: &str,
    resume: Option<&'a RotationProgress>,
) -> Result<Option<&'a RotationProgress>, Error> {
    match resume {
        Some(progress) if progress.old_access_key != access_key => Err(Error::invalid(
            "progress",
            format!(
                "it is the progress of rotating {}, not {access_key}",
                progress.old_access_key
            ),
        )),
        other => Ok(other),
    }
}

pub(crate) async fn apply<S: Side>(
    side: &S,
    access_key: &str,
    retire: Retire,
    resume: Option<RotationProgress>,
    mut on_progress: impl FnMut(&RotationProgress) + Send,
) -> Result<Rotation, Error> {
    let plan = plan(side, access_key, retire, resume.as_ref()).await?;
    let mut progress = resume.unwrap_or_else(|| RotationProgress::new(access_key));
    let mut run = Run {
        side,
        plan: &plan,
        progress: &mut progress,
        on_progress: &mut on_progress,
    };
    let result = run.steps().await;
    let done = progress.done.clone();
    match result {
        Ok((new_access_key, new_secret_key)) => Ok(Rotation {
            old_access_key: access_key.to_owned(),
            new_access_key,
            new_secret_key,
            retired: retire,
            done,
        }),
        Err(source) => {
            let left = plan
                .steps
                .iter()
                .copied()
                .filter(|step| !done.contains(step))
                .collect();
            Err(Error::Rotation {
                done,
                left,
                progress: Box::new(progress),
                source: Box::new(source),
            })
        }
    }
}

struct Run<'a, S, F> {
    side: &'a S,
    plan: &'a RotationPlan,
    progress: &'a mut RotationProgress,
    on_progress: &'a mut F,
}

impl<S: Side, F: FnMut(&RotationProgress) + Send> Run<'_, S, F> {
    fn record(&mut self) {
        (self.on_progress)(self.progress);
    }

    fn finished(&mut self, step: Step) {
        self.progress.done.push(step);
        self.record();
    }

    async fn steps(&mut self) -> Result<(String, SecretString), Error> {
        let old = &self.plan.old;
        let (new_key, secret) = self.new_key().await?;
        let as_new = self.as_new(&new_key, &secret)?;
        for &step in &self.plan.steps {
            match step {
                Step::CreateKey => continue,
                Step::ProveKey => {
                    if let Err(error) = prove(&as_new, &new_key).await {
                        self.give_role_back(&as_new).await?;
                        return Err(error);
                    }
                }
                Step::MoveMainRole => {
                    if let Err(error) = self.side.move_main(old, &new_key, &as_new).await {
                        // A lost answer: the role may have moved all the same.
                        if !self.side.is_main(old, &new_key).await.unwrap_or(false) {
                            return Err(error);
                        }
                    }
                }
                Step::DeactivateOld | Step::DeleteOld => {
                    let retire = if step == Step::DeleteOld {
                        Retire::Delete
                    } else {
                        Retire::Deactivate
                    };
                    if let Err(error) = self.side.retire(&old.access_key, retire, &as_new).await {
                        let retired = self.side.is_retired(&old.access_key, retire, &as_new);
                        if !retired.await.unwrap_or(false) {
                            return Err(error);
                        }
                    }
                }
            }
            self.finished(step);
        }
        Ok((new_key, secret))
    }

    /// After a failed proof, the main role goes back to the old key if this run moved it
    /// there (where only the main key signs, the user would be locked out otherwise).
    async fn give_role_back(
        &mut self,
        as_new: &KeyPairClient<Arc<dyn Transport>>,
    ) -> Result<(), Error> {
        if !self.progress.done.contains(&Step::MoveMainRole) {
            return Ok(());
        }
        let old = &self.plan.old;
        self.side.move_main(old, &old.access_key, as_new).await?;
        self.progress
            .done
            .retain(|step| *step != Step::MoveMainRole);
        self.record();
        Ok(())
    }

    /// The new key: made now, or found from an earlier run.
    async fn new_key(&mut self) -> Result<(String, SecretString), Error> {
        let old = &self.plan.old;
        if let Some(made) = self.progress.new_access_key.clone() {
            return self.known(&made).await;
        }
        if let Some(before) = self.progress.keys_before.clone() {
            // An earlier run sent the create and did not hear back.
            if let Some(found) = self.successor(&before).await? {
                return self.known(&found).await;
            }
        }
        let before = self.side.keys_of(old).await?;
        self.progress.keys_before = Some(before.into_iter().map(|key| key.access_key).collect());
        self.record();
        let made = match self.side.create(old).await {
            Ok(made) => made,
            Err(error) => {
                let before = self.progress.keys_before.clone().unwrap_or_default();
                match self.successor(&before).await {
                    Ok(Some(found)) => return self.known(&found).await,
                    _ => return Err(error),
                }
            }
        };
        self.progress.new_access_key = Some(made.0.clone());
        self.finished(Step::CreateKey);
        Ok(made)
    }

    /// The key with the old key's settings that the user has now and did not have
    /// `before`; an error when there are several.
    async fn successor(&self, before: &[String]) -> Result<Option<String>, Error> {
        let old = &self.plan.old;
        let mut new: Vec<String> = self
            .side
            .keys_of(old)
            .await?
            .into_iter()
            .filter(|key| !before.contains(&key.access_key) && self.side.is_successor(old, key))
            .map(|key| key.access_key)
            .collect();
        match new.len() {
            0 => Ok(None),
            1 => Ok(new.pop()),
            _ => Err(cannot(
                &old.access_key,
                format!(
                    "the user has several new keys that could be this rotation's: {}",
                    new.join(", ")
                ),
            )),
        }
    }

    /// A key an earlier run (or a lost answer) made: its secret read back; a key whose
    /// secret this side cannot read is removed, and the rotation stops to be run again.
    async fn known(&mut self, access_key: &str) -> Result<(String, SecretString), Error> {
        if self.progress.new_access_key.is_none() {
            self.progress.new_access_key = Some(access_key.to_owned());
            self.finished(Step::CreateKey);
        }
        match self.side.secret_of(access_key).await? {
            Some(secret) => Ok((access_key.to_owned(), secret)),
            None => {
                let old = &self.plan.old;
                if self.side.is_main(old, access_key).await? {
                    self.side.restore_main(old).await?;
                }
                self.side.discard(access_key).await?;
                self.progress.new_access_key = None;
                self.progress.keys_before = None;
                self.progress.done.clear();
                self.record();
                Err(cannot(
                    &old.access_key,
                    format!(
                        "the secret of {access_key}, made by an earlier attempt, cannot be read \
                         back, so that key was removed (the old key is the main one again); \
                         run the rotation again"
                    ),
                ))
            }
        }
    }

    fn as_new(
        &self,
        access_key: &str,
        secret: &SecretString,
    ) -> Result<KeyPairClient<Arc<dyn Transport>>, Error> {
        let credentials = Credentials::new(access_key, secret.clone());
        let transport = self
            .side
            .transport()
            .signed_as(credentials)
            .ok_or_else(|| {
                cannot(
                    &self.plan.old.access_key,
                    "this transport cannot sign as the new key, so the new key cannot be proven",
                )
            })?;
        Ok(KeyPairClient::with_transport(transport))
    }
}

/// A request signed with the new key, answered as that key.
async fn prove(as_new: &KeyPairClient<Arc<dyn Transport>>, access_key: &str) -> Result<(), Error> {
    let fields = backendai_fields::keypair::fields()
        .resolve("access_key")
        .expect("a catalogued field");
    let me = as_new.info().fields(&fields).send().await?;
    match me.as_ref().and_then(|key| key.access_key()) {
        Some(key) if key == access_key => Ok(()),
        other => Err(Error::CannotRotate {
            access_key: access_key.to_owned(),
            reason: format!("signed with the new key, the manager answered as {other:?}"),
        }),
    }
}

/// [`Error::CannotRotate`] of `access_key`.
fn cannot(access_key: &str, reason: impl Into<String>) -> Error {
    Error::CannotRotate {
        access_key: access_key.to_owned(),
        reason: reason.into(),
    }
}
