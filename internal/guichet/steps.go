package guichet

import (
	"net/url"
	"strings"

	"etatcivil/civil"
)

// stepLink is a next step that a refusal suggests (civil.Next), as the
// page writes it: a link to the section that does it. The command line
// writes the same steps as commands (cmd/etatcivil/hints.go).
type stepLink struct{ Label, Path string }

// stepLinks maps each step to its section; a step whose section does not
// exist is left out (the problem's hint still says what to do).
var stepLinks = map[civil.Step]func(args []string) stepLink{
	civil.SearchPeople:      link("retrouver un acte par un nom", "/recherche"),
	civil.SeeOfficers:       link("liste des officiers", "/officiers"),
	civil.AddOfficer:        link("ajouter un officier", "/officiers/ajouter"),
	civil.SetSealPhrase:     link("changer la phrase du sceau", "/cles/phrase"),
	civil.ExportRevocations: link("liste de révocation", "/cles"),
	civil.SignRecoveryKey:   link("faire signer la clé de secours", "/secours"),
	civil.ConfirmClock:      link("constat de l'officier", "/horloge"),
	civil.CompactRegister:   link("compacter le registre", "/compacter"),
	civil.ShowAct: func(a []string) stepLink {
		return stepLink{"voir l'acte", "/registre" + query("acte", a, 0)}
	},
	civil.SeeNotices: link("avis à envoyer", "/avis"),
	civil.SeeDay: func(a []string) stepLink {
		return stepLink{"agenda du jour", "/rdv" + query("jour", a, 0)}
	},
	civil.OpenSlots:         link("ouvrir des créneaux", "/rdv"),
	civil.BookSlot:          link("prendre un rendez-vous", "/rdv"),
	civil.RunControl:        link("contrôle du registre", "/controle"),
	civil.SeeClock:          link("horloge du registre", "/horloge"),
	civil.AcceptLoss:        link("accepter la perte", "/horloge"),
	civil.MakeBackup:        link("sauvegarder d'abord", "/sauvegarde"),
	civil.CreateRecoveryKey: link("créer la clé de secours", "/secours"),
	civil.SetOfficerPhrase:  link("phrase de l'officier", "/officiers/phrase"),
	civil.SetNumbering:      link("fixer la numérotation", "/numerotation"),
	civil.PublishBanns:      link("nouvelle publication de bans", "/bans"),
	civil.SeeBanns:          link("publications de bans", "/bans"),
	civil.AddMention: func(a []string) stepLink {
		p := "/mentions" + query("acte", a, 0)
		if len(a) > 1 && a[1] != "" {
			p += "&nature=" + url.QueryEscape(a[1])
		}
		return stepLink{"ajouter une mention", p}
	},
	civil.SignAct: func(a []string) stepLink {
		return stepLink{"imprimer et signer", "/imprimer" + query("acte", a, 0)}
	},
	civil.PrintSheet: func(a []string) stepLink {
		return stepLink{"imprimer la feuille", "/imprimer" + query("acte", a, 0)}
	},
	civil.CancelDraft: func(a []string) stepLink {
		return stepLink{"annuler le brouillon", "/imprimer" + query("acte", a, 0)}
	},
	civil.SeeActs: link("actes à signer", "/imprimer"),
	civil.DrawUpAct: func(a []string) stepLink {
		if len(a) > 0 {
			return stepLink{"dresser l'acte", "/dresser/" + strings.ReplaceAll(a[0], "_", "-")}
		}
		return stepLink{"dresser un acte", "/dresser"}
	},
}

func link(label, path string) func([]string) stepLink {
	return func([]string) stepLink { return stepLink{label, path} }
}

func query(name string, args []string, i int) string {
	if i < len(args) && args[i] != "" {
		return "?" + name + "=" + url.QueryEscape(args[i])
	}
	return ""
}

// nextSteps returns the links of a problem's next steps.
func nextSteps(p civil.Problem) []stepLink {
	var out []stepLink
	for _, n := range p.Next {
		if f, ok := stepLinks[n.Step]; ok {
			out = append(out, f(n.Args))
		}
	}
	return out
}
