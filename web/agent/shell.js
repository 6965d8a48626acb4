/*
 * The page frame: the sign-in screen, the top bar (tabs, presence, language, user) and the three
 * columns the controller fills.
 */
import { h, icon, initials, hue } from './dom.js';
import { duration } from './i18n.js';

function brand(t) {
  return h('div', { class: 'ac-brand' }, [
    h('span', { class: 'ac-logo', 'aria-hidden': 'true', text: 'C' }),
    h('span', { class: 'ac-brand-name', text: t('appName') }),
    h('span', { class: 'ac-brand-sub', text: t('consoleName') }),
  ]);
}

export function langSwitch(lang, onLang) {
  return h('div', { class: 'ac-seg ac-seg-lang', role: 'group', 'aria-label': 'Language / 语言' }, [
    h('button', { type: 'button', class: 'ac-seg-btn', 'data-testid': 'lang-en', lang: 'en', 'aria-pressed': String(lang === 'en'), text: 'EN', onclick: () => onLang('en') }),
    h('button', { type: 'button', class: 'ac-seg-btn', 'data-testid': 'lang-zh', lang: 'zh-CN', 'aria-pressed': String(lang === 'zh'), text: '中文', onclick: () => onLang('zh') }),
  ]);
}

/** The sign-in screen. `onSubmit(email, password)` resolves to an error code or null. */
export function renderLogin(root, ctx, { notice, onSubmit, onLang, email: lastEmail }) {
  const { t } = ctx;
  const email = h('input', { class: 'ac-text', type: 'email', name: 'email', autocomplete: 'username', required: true, 'data-testid': 'login-email', value: lastEmail || undefined });
  const password = h('input', { class: 'ac-text', type: 'password', name: 'password', autocomplete: 'current-password', required: true, 'data-testid': 'login-password' });
  const error = h('p', { class: 'ac-login-error', role: 'alert', 'data-testid': 'login-error', hidden: !notice, text: notice || '' });
  const submit = h('button', { type: 'submit', class: 'ac-btn ac-btn-primary ac-btn-block', 'data-testid': 'login-submit', text: t('signIn') });
  let countdown = null;
  const showError = (code, body) => {
    clearInterval(countdown);
    error.hidden = false;
    if (code === 'too_many_attempts') {
      const until = Date.now() + (Number(body.retryAfterSeconds) || 60) * 1000;
      const tick = () => {
        const left = Math.ceil((until - Date.now()) / 1000);
        error.textContent = t('err_too_many_attempts', { time: duration(t, Math.max(0, left)) });
        submit.disabled = left > 0;
        if (left <= 0) clearInterval(countdown);
      };
      tick();
      countdown = setInterval(tick, 1000);
    } else {
      const key = `err_${code}`;
      error.textContent = t(key) === key ? t('err_generic', { code }) : t(key);
    }
  };
  const form = h('form', { class: 'ac-login-card', 'data-testid': 'login', novalidate: true }, [
    h('div', { class: 'ac-login-top' }, [brand(t), langSwitch(ctx.lang, onLang)]),
    h('h1', { class: 'ac-login-title', text: t('signInTitle') }),
    h('p', { class: 'ac-login-sub', text: t('signInSub') }),
    h('label', { class: 'ac-field' }, [h('span', { class: 'ac-field-label', text: t('email') }), email]),
    h('label', { class: 'ac-field' }, [h('span', { class: 'ac-field-label', text: t('password') }), password]),
    error,
    submit,
  ]);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!email.value || !password.value) { (email.value ? password : email).focus(); return; }
    submit.disabled = true;
    submit.textContent = t('signingIn');
    const failure = await onSubmit(email.value.trim(), password.value);
    submit.textContent = t('signIn');
    submit.disabled = false;
    if (failure) {
      password.value = '';
      showError(failure.code, failure.body || {});
      password.focus();
    }
  });
  root.replaceChildren(h('div', { class: 'ac-login' }, [form]));
  (lastEmail ? password : email).focus();
}

/** The signed-in frame; returns the containers the controller renders into. */
export function renderShell(root, ctx, handlers) {
  const { t, user } = ctx;
  const boss = user.role === 'supervisor' || user.role === 'admin';
  const presence = h('div', { class: 'ac-seg ac-presence', role: 'group', 'aria-label': t('presence'), 'data-testid': 'presence', 'data-presence': user.presence },
    ['available', 'away'].map((p) => h('button', {
      type: 'button', class: `ac-seg-btn ac-pres-${p}`, 'data-testid': `presence-${p}`, 'aria-pressed': String(user.presence === p),
      onclick: () => handlers.presence(p),
    }, [h('span', { class: 'ac-pres-dot', 'aria-hidden': 'true' }), h('span', { text: t(p) })])));
  const tabs = h('nav', { class: 'ac-tabs', 'aria-label': t('consoleName') }, [
    h('button', { type: 'button', class: 'ac-tab', 'data-testid': 'tab-inbox', 'aria-pressed': String(ctx.tab === 'inbox'), onclick: () => handlers.tab('inbox') }, [icon('inbox'), h('span', { text: t('tabInbox') })]),
    boss ? h('button', { type: 'button', class: 'ac-tab', 'data-testid': 'tab-live', 'aria-pressed': String(ctx.tab === 'live'), onclick: () => handlers.tab('live') }, [icon('live'), h('span', { text: t('tabLive') })]) : null,
  ]);
  const me = h('div', { class: 'ac-me', 'data-testid': 'me' }, [
    h('span', { class: `ac-avatar ac-avatar-me ac-pres-${user.presence}`, style: `--h:${hue(user.id)}`, text: initials(user.name, user.id) }),
    h('span', { class: 'ac-me-text' }, [h('span', { class: 'ac-me-name', text: user.name }), h('span', { class: 'ac-me-role', text: t(`role_${user.role}`) })]),
    h('button', { type: 'button', class: 'ac-icon-btn', 'data-testid': 'logout', title: t('signOut'), 'aria-label': t('signOut'), onclick: handlers.logout }, [icon('out')]),
  ]);
  const conn = h('div', { class: 'ac-conn', 'data-testid': 'connection', role: 'status', hidden: true });
  const left = h('aside', { class: 'ac-left', 'aria-label': t('queue') });
  const center = h('section', { class: 'ac-center', 'aria-label': t('reply') });
  const right = h('aside', { class: 'ac-right', 'aria-label': t('packetTitle') });
  root.replaceChildren(h('div', { class: 'ac-app' }, [
    h('header', { class: 'ac-top' }, [brand(t), tabs, h('span', { class: 'ac-spacer' }), presence, langSwitch(ctx.lang, handlers.lang), me]),
    conn,
    h('main', { class: 'ac-main' }, [left, center, right]),
    h('div', { class: 'ac-toasts', 'aria-live': 'polite', 'data-testid': 'toasts' }),
  ]));
  return { left, center, right, conn, toasts: root.querySelector('.ac-toasts') };
}

export function toast(container, text, kind) {
  const el = h('div', { class: `ac-toast ac-toast-${kind || 'info'}`, 'data-testid': 'toast', 'data-kind': kind || 'info', role: kind === 'error' ? 'alert' : 'status', text });
  container.append(el);
  setTimeout(() => el.classList.add('ac-toast-out'), 4200);
  setTimeout(() => el.remove(), 4600);
}
