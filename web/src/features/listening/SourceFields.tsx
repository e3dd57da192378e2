import { Alert, Anchor, NumberInput, PasswordInput, Select, Text, TextInput } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useChannels } from '../channels/api.ts';
import { listeningKeys } from './api.ts';
import type { SourceFormField, SourceKindForm } from './types.ts';

/** A source's settings being edited: config key → value (secrets only when typed anew). */
export type SourceDraft = Record<string, string | number | undefined>;

/** The kinds of listening source and their forms, as the networks declare them. */
export function useSourceKinds() {
  return useQuery({
    queryKey: listeningKeys.sourceKinds(),
    queryFn: async () => (await api<{ items: SourceKindForm[] }>('GET', '/listening/source-kinds')).items,
    staleTime: Infinity,
  });
}

/** The value a field has in the draft, its default when unset. */
function fieldValue(kind: SourceKindForm, draft: SourceDraft, name: string): string | number | undefined {
  return draft[name] ?? kind.fields.find((field) => field.name === name)?.default;
}

/** Fields shown now: those without a condition, and those whose condition holds. */
export function visibleFields(kind: SourceKindForm, draft: SourceDraft): SourceFormField[] {
  return kind.fields.filter((field) => !field.when || field.when.equals.includes(String(fieldValue(kind, draft, field.when.field) ?? '')));
}

/** The config to create a source with: visible fields' values, defaults filled in, empty ones left out. */
export function configOf(kind: SourceKindForm, draft: SourceDraft): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const field of visibleFields(kind, draft)) {
    const value = fieldValue(kind, draft, field.name);
    if (value !== undefined && value !== '') config[field.name] = value;
  }
  return config;
}

/**
 * The settings form of one kind of source, built from the fields its network declares.
 * `storedSecrets` names secrets already stored: their field then says that leaving it empty keeps them.
 */
export function SourceFields({
  kind,
  draft,
  onChange,
  storedSecrets = [],
}: {
  kind: SourceKindForm;
  draft: SourceDraft;
  onChange: (draft: SourceDraft) => void;
  storedSecrets?: string[];
}) {
  const { t, i18n } = useTranslation();
  const channels = useChannels();
  const text = (value: { en: string; es: string } | undefined) => (value ? (i18n.language === 'es' ? value.es : value.en) : undefined);
  const set = (name: string, value: string | number | undefined) => onChange({ ...draft, [name]: value === '' ? undefined : value });
  const shown = (name: string) => {
    const value = fieldValue(kind, draft, name);
    return value === undefined ? '' : String(value);
  };
  return (
    <>
      {visibleFields(kind, draft).map((field) => {
        const label = text(field.label);
        const help = text(field.help);
        const testId = field.name === kind.urlField ? 'source-url' : `source-field-${field.name}`;
        switch (field.input) {
          case 'select':
            return (
              <Select
                key={field.name}
                label={label}
                description={help}
                required={field.required}
                data-testid={testId}
                allowDeselect={false}
                data={(field.options ?? []).map((option) => ({ value: option.value, label: text(option.label) ?? option.value }))}
                value={shown(field.name) || null}
                onChange={(value) => value && set(field.name, value)}
              />
            );
          case 'channel': {
            // Connected channels of a network that reads mentions; the stored one stays listed so an edit shows it.
            const current = shown(field.name);
            const choices = (channels.data ?? []).filter(
              (c) => c.id === current || ((field.networks ?? []).includes(c.network) && c.status !== 'disconnected'),
            );
            if (channels.data && choices.length === 0)
              return (
                <Alert key={field.name} color="yellow" title={label} data-testid={`${testId}-empty`}>
                  <Text size="sm">{t('listeningDetails.noChannels')}</Text>
                  <Anchor component={Link} to="/channels" size="sm">
                    {t('listeningDetails.connectChannel')}
                  </Anchor>
                </Alert>
              );
            return (
              <Select
                key={field.name}
                label={label}
                description={help}
                required={field.required}
                data-testid={testId}
                placeholder={t('listeningDetails.channelPlaceholder')}
                allowDeselect={false}
                searchable={choices.length > 8}
                data={choices.map((c) => ({
                  value: c.id,
                  label: `${c.name} · ${i18n.language === 'es' ? c.networkLabel.es : c.networkLabel.en}`,
                }))}
                value={current || null}
                onChange={(value) => value && set(field.name, value)}
              />
            );
          }
          case 'number':
            return (
              <NumberInput
                key={field.name}
                label={label}
                description={help}
                required={field.required}
                data-testid={testId}
                min={field.min}
                max={field.max}
                value={draft[field.name] ?? ''}
                onChange={(value) => set(field.name, typeof value === 'number' ? value : undefined)}
              />
            );
          case 'secret':
            return (
              <PasswordInput
                key={field.name}
                label={label}
                required={field.required && !storedSecrets.includes(field.name)}
                autoComplete="off"
                data-testid={testId}
                description={storedSecrets.includes(field.name) ? t('listening.accessTokenKeep') : help}
                value={shown(field.name)}
                onChange={(e) => set(field.name, e.currentTarget.value)}
              />
            );
          default: {
            const strip = (value: string) =>
              field.stripPrefix && value.startsWith(field.stripPrefix) ? value.slice(field.stripPrefix.length) : value;
            return (
              <TextInput
                key={field.name}
                label={label}
                description={help}
                required={field.required}
                data-testid={testId}
                value={shown(field.name)}
                onChange={(e) => set(field.name, strip(e.currentTarget.value))}
              />
            );
          }
        }
      })}
    </>
  );
}
